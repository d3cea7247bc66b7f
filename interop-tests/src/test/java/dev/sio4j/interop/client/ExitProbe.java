package dev.sio4j.interop.client;

import dev.sio4j.client.ClientOptions;
import dev.sio4j.client.Socket;
import dev.sio4j.client.SocketIoClient;
import java.util.concurrent.TimeUnit;

/**
 * A program that connects, gets one acknowledgement, closes the client and returns from {@code main}: its JVM must
 * then exit by itself, with no {@code System.exit}.
 */
public final class ExitProbe {
  private ExitProbe() {
  }

  public static void main(String[] args) throws Exception {
    SocketIoClient client = new SocketIoClient();
    Socket socket = client.socket(args[0], ClientOptions.defaults());
    String answer = socket.emitWithAck("ack", "probe").get(20, TimeUnit.SECONDS).getString(0);
    System.out.println("acknowledged " + answer);
    client.close();
    // Every thread still alive once the client is closed; the test expects only the JVM's own.
    Thread.getAllStackTraces().keySet().forEach(t -> System.out.println("alive " + t.getName()
        + (t.isDaemon() ? " daemon" : "")));
  }
}
