package dev.sio4j.bench.clients;

import dev.sio4j.client.ClientOptions;
import dev.sio4j.client.Socket;
import dev.sio4j.client.SocketIoClient;
import dev.sio4j.client.TransportType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * sio4j-client's side of the client footprint benchmark ({@code benchmarks/clients.sh}): opens {@code N} connections to
 * {@code URL}, each its own manager ({@code forceNew}, as separate users would), over WebSocket, prints {@code
 * connected N} once all are, then stays idle until killed. The same as the official client's side
 * ({@code peer-official-java-client}), so that the two processes differ only by the client.
 */
public final class Sio4jClients {
  private Sio4jClients() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    int count = Integer.parseInt(args[1]);
    CountDownLatch connected = new CountDownLatch(count);
    SocketIoClient client = new SocketIoClient();
    List<Socket> sockets = new ArrayList<>(count);
    ClientOptions options = ClientOptions.builder().forceNew(true).transports(TransportType.WEBSOCKET).build();
    for (int i = 0; i < count; i++) {
      Socket socket = client.socket(url, options);
      socket.onConnect(connected::countDown);
      sockets.add(socket);
    }
    if (!connected.await(120, TimeUnit.SECONDS)) {
      System.out.println("failed " + connected.getCount() + " not connected");
      System.exit(1);
    }
    System.out.println("connected " + sockets.size());
    Thread.currentThread().join();
  }
}
