package dev.sio4j.testing.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sio4j.engine.EngineSocket;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The upgrade from long-polling to WebSocket (probe, NOOP to the held GET, UPGRADE), in every binding. */
public abstract class UpgradeContract {

  /** Starts the binding under test. */
  protected abstract BindingStarter starter();

  @Test
  void pollingSessionUpgradesToWebSocket() throws Exception {
    try (BindingServer server = BindingServer.start(starter())) {
      String sid = Http.handshake(server);
      WsClient ws = WsClient.connect(server.ws("&sid=" + sid));
      ws.send("2probe");
      assertEquals("3probe", ws.next());
      HttpResponse<String> poll = Http.get(server.pollingUrl(sid));
      assertEquals(200, poll.statusCode());
      assertEquals("6", poll.body());
      ws.send("5");
      ws.send("4hello");
      assertEquals("4hello", ws.next());
      assertEquals("websocket", server.engine.session(sid).transport());
    }
  }

  @Test
  void heldGetIsEndedWithNoopWhenTheProbeSucceeds() throws Exception {
    try (BindingServer server = BindingServer.start(starter())) {
      String sid = Http.handshake(server);
      CompletableFuture<HttpResponse<String>> poll = Http.getAsync(server.pollingUrl(sid));
      WsClient ws = WsClient.connect(server.ws("&sid=" + sid));
      ws.send("2probe");
      assertEquals("3probe", ws.next());
      assertEquals("6", poll.get(5, TimeUnit.SECONDS).body());
      ws.send("5");
      ws.send("4x");
      assertEquals("4x", ws.next());
      EngineSocket socket = server.engine.session(sid);
      socket.send(EngineIoPacket.message("over ws"));
      assertEquals("4over ws", ws.next());
    }
  }

  @Test
  void upgradeOfAnUnknownSidIsRefused() throws Exception {
    try (BindingServer server = BindingServer.start(starter())) {
      CompletionException refused = assertThrows(CompletionException.class,
          () -> WsClient.connect(server.ws("&sid=nope")));
      assertEquals(400, ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
    }
  }
}
