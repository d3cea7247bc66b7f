package dev.sio4j.bench.peer.officialclient;

import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The official Java client's side of the client footprint benchmark ({@code benchmarks/clients.sh}): opens {@code N}
 * connections to {@code URL}, each its own manager ({@code forceNew}, as separate users would), over WebSocket, prints
 * {@code connected N} once all are, then stays idle until killed, so that the benchmark reads this process's memory,
 * threads and CPU.
 *
 * <p>The connections share one {@code OkHttpClient} whose dispatcher takes any number of calls, as an application
 * with many connections must give the official client: OkHttp runs each open WebSocket's reader as a call of its
 * dispatcher, which by default runs at most 64 at once (5 per host), so no more connections than that would open.
 */
public final class OfficialClients {
  private OfficialClients() {}

  public static void main(String[] args) throws Exception {
    URI url = URI.create(args[0]);
    int count = Integer.parseInt(args[1]);
    CountDownLatch connected = new CountDownLatch(count);
    List<Socket> sockets = new ArrayList<>(count);
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(Integer.MAX_VALUE);
    dispatcher.setMaxRequestsPerHost(Integer.MAX_VALUE);
    OkHttpClient http = new OkHttpClient.Builder().dispatcher(dispatcher).readTimeout(0, TimeUnit.MILLISECONDS).build();
    for (int i = 0; i < count; i++) {
      IO.Options options = IO.Options.builder().setForceNew(true).setTransports(new String[] {"websocket"}).build();
      options.callFactory = http;
      options.webSocketFactory = http;
      Socket socket = IO.socket(url, options);
      socket.once(Socket.EVENT_CONNECT, a -> connected.countDown());
      socket.connect();
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
