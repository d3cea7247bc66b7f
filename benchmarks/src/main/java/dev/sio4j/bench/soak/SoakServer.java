package dev.sio4j.bench.soak;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.sio4j.server.ConnectionStateRecovery;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SocketIoServer;
import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The server of the soak test ({@code benchmarks/soak.sh}): sio4j with its default options and connection state
 * recovery, answering the soak driver's events, and sampling itself every 10 s into a CSV file. The samples come from
 * inside the process that holds the connections: resident memory ({@code /proc/self/status}), the heap the JVM has
 * committed (which G1 grows under allocation pressure and gives back slowly: most of the resident memory), heap after
 * the last collection (each heap pool's collection usage), the live heap (in use right after a full collection, which
 * the sampler forces once a minute: G1 reports its old generation's collection usage only after a mixed or full
 * collection, which a lightly loaded heap may not see for half an hour, so the collection usage alone cannot tell
 * garbage waiting in the old generation from a leak), heap in use, direct memory (the JDK's direct buffer pool and
 * Netty's own count), threads and open file descriptors.
 *
 * <p>Events: {@code echo} acknowledges its arguments; {@code join}(room) joins and acknowledges; {@code to}(room,
 * payload) emits {@code msg} to the room; {@code storm}(count, size) broadcasts {@code storm} events to everyone.
 *
 * <p>Usage: {@code SoakServer PORT CSV_FILE [SAMPLE_SECONDS]}; prints {@code listening PORT} once bound.
 */
public final class SoakServer {
  private SoakServer() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    Path csv = Path.of(args[1]);
    int every = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    SocketIoServer io = SocketIoServer.create(ServerOptions.builder()
        .connectionStateRecovery(ConnectionStateRecovery.builder().maxDisconnectionDuration(Duration.ofMinutes(2))
            .build())
        .build());
    io.onConnection(socket -> {
      socket.on("echo", event -> event.ack(event.args()));
      socket.on("join", event -> {
        socket.join(event.arg(0, String.class));
        event.ack();
      });
      socket.on("to", event -> io.to(event.arg(0, String.class)).emit("msg", event.arg(1)));
      socket.on("storm", event -> {
        int count = event.arg(0, Integer.class);
        String payload = "s".repeat(event.arg(1, Integer.class));
        for (int i = 0; i < count; i++) {
          io.emit("storm", i, payload);
        }
        event.ack(count);
      });
    });
    var binding = io.listen(port);
    long start = System.nanoTime();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "soak-sampler");
      t.setDaemon(true);
      return t;
    });
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8))) {
      out.println("seconds,sockets,rss_kb,heap_committed_kb,heap_after_gc_kb,heap_live_kb,heap_used_kb,direct_kb,"
          + "netty_direct_kb,threads,fds");
      out.flush();
      int fullGcEvery = Math.max(1, 60 / every);
      long[] samples = {0};
      long[] live = {0};
      sampler.scheduleAtFixedRate(() -> {
        if (samples[0]++ % fullGcEvery == 0) {
          live[0] = liveHeap();
        }
        out.println(sample((System.nanoTime() - start) / 1_000_000_000L, io.of("/").sockets().size(), live[0]));
        out.flush();
      }, 0, every, TimeUnit.SECONDS);
      System.out.println("listening " + binding.address().getPort());
      System.out.flush();
      // runs until the script stops it (SIGTERM): the shutdown hook closes the server
      Runtime.getRuntime().addShutdownHook(new Thread(io::close, "soak-shutdown"));
      Thread.currentThread().join();
    }
  }

  /** The heap in use right after a full collection (G1 runs one on {@code System.gc()}). */
  private static long liveHeap() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static String sample(long seconds, int sockets, long liveHeap) {
    long heapAfterGc = 0;
    long heapUsed = 0;
    long heapCommitted = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() != MemoryType.HEAP) {
        continue;
      }
      MemoryUsage afterGc = pool.getCollectionUsage();
      if (afterGc != null) {
        heapAfterGc += afterGc.getUsed();
      }
      heapUsed += pool.getUsage().getUsed();
    }
    long direct = 0;
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if (pool.getName().equals("direct")) {
        direct = pool.getMemoryUsed();
      }
    }
    long fds = ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
        ? unix.getOpenFileDescriptorCount() : -1;
    return seconds + "," + sockets + "," + rssKb() + "," + heapCommitted / 1024 + "," + heapAfterGc / 1024 + ","
        + liveHeap / 1024 + "," + heapUsed / 1024 + ","
        + direct / 1024 + "," + PlatformDependent.usedDirectMemory() / 1024 + ","
        + ManagementFactory.getThreadMXBean().getThreadCount() + "," + fds;
  }

  private static long rssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: no RSS column
    }
    return -1;
  }
}
