package dev.sio4j.interop.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.server.ConnectionStateRecovery;
import dev.sio4j.server.DeliveryFailure;
import dev.sio4j.server.DisconnectReason;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.NodePeer;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A burst of large broadcasts to several official npm clients in one Node process (one reader thread for all of them,
 * so each is slower than the server writes for a while): every message reaches every client once and in order, 20
 * times in a row, with default limits. A client that stops reading is disconnected once its send buffer is full,
 * its buffer never passes the configured bound, and the others still get everything.
 */
@Tag("environment")
class BurstTest {
  static final Path SCRIPT = Paths.get("src/test/node/socketio/burst.js");
  static final int CLIENTS = 6;
  static final int TOTAL = 4_000;
  static final int BATCH = 100;
  static final int SIZE = 16 * 1024;

  private SocketIoServer io;
  private final List<DisconnectReason> reasons = new CopyOnWriteArrayList<>();
  private List<DisconnectReason> atDone;

  @AfterEach
  void stop() {
    if (io != null) {
      io.close();
    }
  }

  /** A server that answers burst.js: "join" puts the socket in the room, "burst" broadcasts a batch to it. */
  static SocketIoServer burstServer(ServerOptions options, List<DisconnectReason> reasons) {
    SocketIoServer io = SocketIoServer.create(options);
    Map<Integer, String> payloads = new ConcurrentHashMap<>();
    io.onConnection(socket -> {
      socket.on("join", e -> {
        socket.join(e.arg(0, String.class));
        e.ack();
      });
      socket.on("burst", e -> {
        JsonNode request = e.arg(0);
        String room = request.get("room").asText();
        int rep = request.get("rep").asInt();
        int from = request.get("from").asInt();
        int count = request.get("count").asInt();
        String payload = payloads.computeIfAbsent(request.get("size").asInt(), n -> "x".repeat(n));
        for (int seq = from; seq < from + count; seq++) {
          io.to(room).emit("msg", rep, seq, payload);
        }
        if (from + count == request.get("total").asInt()) {
          io.to(room).emit("end", rep);
        }
      });
      socket.onDisconnect((s, reason) -> reasons.add(reason));
    });
    return io;
  }

  /** Runs burst.js; returns its lines, with the disconnections seen by the time it said "done" in {@link #atDone}. */
  private List<String> runBurst(ServerBinding binding, int reps, String mode) throws Exception {
    List<String> args = new ArrayList<>(List.of(NodeClients.url(binding), String.valueOf(CLIENTS),
        String.valueOf(TOTAL), String.valueOf(BATCH), String.valueOf(SIZE), String.valueOf(reps)));
    if (mode != null) {
      args.add(mode);
    }
    List<String> lines = new ArrayList<>();
    try (NodePeer peer = NodePeer.start(SCRIPT, args.toArray(String[]::new))) {
      while (true) {
        String line = peer.awaitLine(l -> true, Duration.ofSeconds(60));
        lines.add(line);
        if (line.startsWith("LOST") || line.startsWith("ERROR")) {
          throw new AssertionError("a message was lost: " + line + "\nall lines: " + lines + "\n" + peer.stderr());
        }
        if (line.equals("done")) {
          // the clients are still connected: whoever left by now was cut off
          atDone = List.copyOf(reasons);
          return lines;
        }
      }
    }
  }

  @Test
  void everyClientGetsEveryBroadcastInOrderTwentyTimesOver() throws Exception {
    io = burstServer(ServerOptions.builder().build(), reasons);
    ServerBinding binding = io.listen(0);
    List<String> lines = runBurst(binding, 20, null);
    List<String> reps = lines.stream().filter(l -> l.startsWith("rep ")).toList();
    assertEquals(20, reps.size(), lines.toString());
    System.out.println("burst on sio4j, default options: " + reps);
    assertEquals(List.of(), atDone, "nobody was disconnected");
  }

  @Test
  void aClientThatStopsReadingIsDisconnectedOnceItsBufferIsFullAndTheOthersGetEverything() throws Exception {
    ServerOptions options = ServerOptions.builder().backpressureTimeout(Duration.ofSeconds(1)).build();
    io = burstServer(options, reasons);
    List<DeliveryFailure> failures = new CopyOnWriteArrayList<>();
    io.onDeliveryFailure(failures::add);
    ServerBinding binding = io.listen(0);
    AtomicLong most = new AtomicLong();
    AtomicBoolean sampling = new AtomicBoolean(true);
    Thread sampler = new Thread(() -> {
      while (sampling.get()) {
        io.engine().sessions().forEach(s -> most.accumulateAndGet(s.bufferedBytes(), Math::max));
        LockSupport.parkNanos(200_000);
      }
    });
    sampler.start();
    try {
      List<String> lines = runBurst(binding, 3, "stall");
      assertEquals(3, lines.stream().filter(l -> l.startsWith("rep ")).count(), lines.toString());
    } finally {
      sampling.set(false);
      sampler.join();
    }
    assertEquals(1, reasons.stream().filter(r -> r == DisconnectReason.SEND_BUFFER_FULL).count(), reasons.toString());
    assertEquals(1, failures.stream().mapToInt(DeliveryFailure::unreached).sum(), failures.toString());
    assertEquals("msg", failures.get(0).event());
    long bound = options.engine().sendBufferBytes() + SIZE + 64;
    System.out.println("stalled client: most bytes held by one session " + most.get() + " (bound " + bound + ")");
    assertTrue(most.get() <= bound, "held " + most.get() + " bytes, more than the bound " + bound);
    assertTrue(most.get() > options.engine().sendBufferHighWaterBytes(), "the stalled session filled up");
  }

  @Test
  void withRecoveryEveryClientGetsEveryBroadcastInOrder() throws Exception {
    io = burstServer(ServerOptions.builder().connectionStateRecovery(ConnectionStateRecovery.defaults()).build(),
        reasons);
    ServerBinding binding = io.listen(0);
    List<String> lines = runBurst(binding, 5, null);
    assertEquals(5, lines.stream().filter(l -> l.startsWith("rep ")).count(), lines.toString());
  }
}
