package dev.sio4j.interop.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.client.ClientOptions;
import dev.sio4j.client.Socket;
import dev.sio4j.client.SocketIoClient;
import dev.sio4j.client.TransportType;
import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.server.DisconnectReason;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SocketIoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The burst of {@link BurstTest} with sio4j's own Java client as the receivers: six clients in one JVM, each getting
 * every broadcast once and in order, several times over, with default limits.
 */
@Tag("environment")
class JavaClientBurstTest {
  private static final int REPS = 3;

  /** One receiving client: checks the order of what it gets, counts down when a repetition's "end" came. */
  private static final class Receiver {
    final Socket socket;
    final List<String> problems = new CopyOnWriteArrayList<>();
    volatile int rep = -1;
    volatile int next;
    volatile CountDownLatch ended = new CountDownLatch(1);

    Receiver(SocketIoClient client, String url) {
      socket = client.socket(url, ClientOptions.builder().forceNew(true)
          .transports(TransportType.WEBSOCKET).build());
      socket.on("msg", args -> {
        int r = args.get(0, Integer.class);
        int seq = args.get(1, Integer.class);
        if (r != rep) {
          rep = r;
          next = 0;
        }
        if (seq != next || args.getString(2).length() != BurstTest.SIZE) {
          problems.add("rep " + r + ": expected " + next + ", got " + seq);
        }
        next = seq + 1;
      });
      socket.on("end", args -> {
        if (args.get(0, Integer.class) == rep && next != BurstTest.TOTAL) {
          problems.add("rep " + rep + ": end after " + next);
        }
        ended.countDown();
      });
      socket.on("disconnect", args -> problems.add("disconnected: " + args.get(0, String.class)));
    }
  }

  @Test
  void everyJavaClientGetsEveryBroadcastInOrder() throws Exception {
    List<DisconnectReason> reasons = new CopyOnWriteArrayList<>();
    try (SocketIoServer io = BurstTest.burstServer(ServerOptions.builder().build(), reasons);
        SocketIoClient client = new SocketIoClient()) {
      ServerBinding binding = io.listen(0);
      String url = "http://127.0.0.1:" + binding.address().getPort();
      List<Receiver> receivers = new ArrayList<>();
      for (int i = 0; i < BurstTest.CLIENTS; i++) {
        receivers.add(new Receiver(client, url));
      }
      for (Receiver r : receivers) {
        r.socket.timeout(Duration.ofSeconds(10)).emitWithAck("join", "burst").get(15, TimeUnit.SECONDS);
      }
      for (int rep = 0; rep < REPS; rep++) {
        for (Receiver r : receivers) {
          r.ended = new CountDownLatch(1);
        }
        long start = System.nanoTime();
        for (int from = 0; from < BurstTest.TOTAL; from += BurstTest.BATCH) {
          receivers.get(0).socket.emit("burst", Map.of("room", "burst", "rep", rep, "from", from,
              "count", BurstTest.BATCH, "size", BurstTest.SIZE, "total", BurstTest.TOTAL));
        }
        for (Receiver r : receivers) {
          assertTrue(r.ended.await(60, TimeUnit.SECONDS), "rep " + rep + ": no end; " + r.problems);
          assertEquals(List.of(), r.problems);
        }
        System.out.println("burst to Java clients, rep " + rep + ": "
            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
      }
      assertEquals(List.of(), reasons, "nobody was disconnected");
    }
  }
}
