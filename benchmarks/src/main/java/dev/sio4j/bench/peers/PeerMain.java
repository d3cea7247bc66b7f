package dev.sio4j.bench.peers;

import io.netty.util.internal.PlatformDependent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * The process side of the runner's protocol with a server under test, shared by the JVM peers and the same as the
 * Node peer's ({@code src/main/node/server.js}): print {@code listening <port>} once bound; on the line {@code gc}
 * on standard input run a full collection and print {@code gc done}; on {@code memory}, collect and print {@code
 * memory heap_after_gc=<bytes> direct=<bytes> netty_direct=<bytes>} and the peer's {@link Peer#stats}; stop when
 * standard input closes.
 */
public final class PeerMain {
  /** A started server that the runner can stop. */
  public interface Peer extends AutoCloseable {
    /** The bound port. */
    int port();

    @Override
    void close();

    /** Counters of the peer's own for the {@code memory} answer ({@code name=value} words), or empty. */
    default String stats() {
      return "";
    }
  }

  /** Starts a server on a port. */
  @FunctionalInterface
  public interface Starter {
    Peer start(int port) throws Exception;
  }

  private PeerMain() {}

  /** After a full collection: the heap in use, the JDK's direct buffers and Netty's own direct memory count. */
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

  /** Starts the peer on {@code args[0]} (default 0: any free port) and serves the runner's commands until EOF. */
  public static void serve(String[] args, Starter starter) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    Peer peer = starter.start(port);
    System.out.println("listening " + peer.port());
    System.out.flush();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.trim().equals("gc")) {
          System.gc();
          System.out.println("gc done");
          System.out.flush();
        } else if (line.trim().equals("memory")) {
          System.out.println("memory " + memory() + " " + peer.stats());
          System.out.flush();
        }
      }
    } finally {
      peer.close();
    }
    System.exit(0);
  }
}
