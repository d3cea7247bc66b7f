package dev.sio4j.bench.loadgen;

/**
 * One simulated client, over WebSocket or HTTP long-polling. Methods must be called on the connection's event loop
 * (from a {@link ConnectionListener} callback or a task submitted with {@link #execute}).
 */
public interface Connection {
  /** The index the scenario gave this connection. */
  int index();

  /** When the connection attempt started ({@link System#nanoTime()}). */
  long startNanos();

  /** When the handshake completed ({@link System#nanoTime()}), or 0. */
  long connectedNanos();

  /** Sends an {@code echo} event with ack id {@code id}. */
  void echo(long id, String payload);

  /** Sends a {@code join} event for {@code room} with ack id {@code id}. */
  void join(long id, String room);

  /** Sends a {@code broadcast} event. */
  void broadcast(String room, String payload);

  /** Runs {@code task} on the connection's event loop. */
  void execute(Runnable task);

  /** Runs {@code task} on the connection's event loop after {@code delayNanos}. */
  void schedule(Runnable task, long delayNanos);

  /** Whether the scenario closed it (failures after that are expected). */
  boolean closing();

  /** Closes the connection; the future completes when it is closed. */
  io.netty.util.concurrent.Future<Void> close();
}
