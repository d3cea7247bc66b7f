package dev.sio4j.bench.peer.nettysocketio;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOServer;
import io.netty.util.internal.PlatformDependent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

/**
 * The netty-socketio 2.0.14 peer of the benchmarks, default configuration: {@code echo} acknowledges with its
 * argument, {@code join} joins a room and acknowledges, {@code broadcast} sends {@code msg} to a room. Speaks the
 * runner's protocol like the other peers: prints {@code listening <port>}; {@code gc} on standard input runs a full
 * collection and prints {@code gc done}; {@code memory} collects and prints the heap in use and direct memory;
 * exits when standard input closes.
 */
public final class NettySocketIoPeer {
  private NettySocketIoPeer() {}

  /** As the other JVM peers: the heap in use after a full collection, the JDK's direct buffers, Netty's own count. */
  private static String memory() {
    System.gc();
    long direct = 0;
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if (pool.getName().equals("direct")) {
        direct = pool.getMemoryUsed();
      }
    }
    return "heap_after_gc=" + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() + " direct=" + direct
        + " netty_direct=" + PlatformDependent.usedDirectMemory();
  }

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    if (port == 0) {
      // netty-socketio does not report the port it bound, so choose a free one first.
      try (ServerSocket probe = new ServerSocket()) {
        probe.bind(new InetSocketAddress("127.0.0.1", 0));
        port = probe.getLocalPort();
      }
    }
    Configuration config = new Configuration();
    config.setHostname("127.0.0.1");
    config.setPort(port);
    SocketIOServer server = new SocketIOServer(config);
    server.addEventListener("echo", String.class, (client, data, ack) -> {
      if (ack.isAckRequested()) {
        ack.sendAckData(data);
      }
    });
    server.addEventListener("join", String.class, (client, room, ack) -> {
      client.joinRoom(room);
      ack.sendAckData();
    });
    server.addMultiTypeEventListener("broadcast", (client, data, ack) -> {
      String room = data.get(0);
      server.getRoomOperations(room).sendEvent("msg", (Object) data.get(1));
    }, String.class, String.class);
    server.start();
    System.out.println("listening " + port);
    System.out.flush();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.trim().equals("gc")) {
          System.gc();
          System.out.println("gc done");
          System.out.flush();
        } else if (line.trim().equals("memory")) {
          System.out.println("memory " + memory());
          System.out.flush();
        }
      }
    } finally {
      server.stop();
    }
    System.exit(0);
  }
}
