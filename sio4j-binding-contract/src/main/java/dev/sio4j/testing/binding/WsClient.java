package dev.sio4j.testing.binding;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A raw WebSocket client (java.net.http): records text messages as-is, binary ones as {@code binary:<hex>}, and the
 * close as {@code close:<code>}. Public for the binding modules' own tests.
 */
public final class WsClient implements WebSocket.Listener {
  public final BlockingQueue<String> received = new LinkedBlockingQueue<>();
  public final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final StringBuilder text = new StringBuilder();
  private java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
  public WebSocket socket;

  public static WsClient connect(URI uri) {
    WsClient client = new WsClient();
    client.socket = Http.CLIENT.newWebSocketBuilder().buildAsync(uri, client).join();
    return client;
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    text.append(data);
    if (last) {
      received.add(text.toString());
      text.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    byte[] bytes = new byte[data.remaining()];
    data.get(bytes);
    binary.writeBytes(bytes);
    if (last) {
      received.add("binary:" + HexFormat.of().formatHex(binary.toByteArray()));
      binary = new java.io.ByteArrayOutputStream();
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.complete(-1);
  }

  public String next() throws InterruptedException {
    String message = received.poll(5, TimeUnit.SECONDS);
    if (message == null) {
      fail("no WebSocket message within 5 s");
    }
    return message;
  }

  /** Reads the OPEN packet and returns the sid. */
  public String handshake() throws InterruptedException {
    String open = next();
    if (!open.startsWith("0{")) {
      fail("expected OPEN, got " + open);
    }
    return Http.sid(open);
  }

  public void send(String text) {
    socket.sendText(text, true).join();
  }

  public void sendBinary(byte[] data) {
    socket.sendBinary(ByteBuffer.wrap(data), true).join();
  }

  public int awaitClose() throws Exception {
    return closed.get(5, TimeUnit.SECONDS);
  }

  public void abort() {
    socket.abort();
  }
}
