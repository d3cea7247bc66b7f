package dev.sio4j.interop.client;

import dev.sio4j.client.ClientOptions;
import dev.sio4j.client.ConnectionOptions;
import dev.sio4j.client.Socket;
import dev.sio4j.client.SocketIoClient;
import dev.sio4j.client.TransportType;
import java.util.concurrent.TimeUnit;

/**
 * A program that connects with {@code closeOnJvmShutdown} as its second argument says, gets one acknowledgement, and
 * exits through {@code System.exit} without closing the client.
 */
public final class ShutdownProbe {
  private ShutdownProbe() {
  }

  public static void main(String[] args) throws Exception {
    SocketIoClient client = new SocketIoClient();
    // WebSocket only: without the hook, the server then sees the connection end as soon as the process does (an exit
    // in the middle of an upgrade would leave it to the heartbeat).
    Socket socket = client.socket(args[0], ClientOptions.builder().transports(TransportType.WEBSOCKET)
        .connection(ConnectionOptions.builder().closeOnJvmShutdown(Boolean.parseBoolean(args[1])).build()).build());
    System.out.println("acknowledged " + socket.emitWithAck("ack", "probe").get(20, TimeUnit.SECONDS).getString(0));
    System.exit(0);
  }
}
