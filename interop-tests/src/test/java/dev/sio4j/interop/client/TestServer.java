package dev.sio4j.interop.client;

import java.time.Duration;

/**
 * A Socket.IO server the client scenarios run against: the Node reference server or the sio4j server, with the same
 * handlers (see {@code src/test/node/client/server.js}).
 */
interface TestServer extends AutoCloseable {
  /** The options a scenario needs from the server; {@code parser} is {@code "json"} or {@code "msgpack"}. */
  record Spec(long pingInterval, long pingTimeout, boolean recovery, int maxHttpBufferSize, int port, String parser) {
    static Spec defaults() {
      return new Spec(25_000, 20_000, false, 1_000_000, 0, "json");
    }

    Spec heartbeat(long interval, long timeout) {
      return new Spec(interval, timeout, recovery, maxHttpBufferSize, port, parser);
    }

    Spec withRecovery() {
      return new Spec(pingInterval, pingTimeout, true, maxHttpBufferSize, port, parser);
    }

    Spec maxHttpBufferSize(int size) {
      return new Spec(pingInterval, pingTimeout, recovery, size, port, parser);
    }

    Spec port(int p) {
      return new Spec(pingInterval, pingTimeout, recovery, maxHttpBufferSize, p, parser);
    }

    Spec parser(String name) {
      return new Spec(pingInterval, pingTimeout, recovery, maxHttpBufferSize, port, name);
    }
  }

  int port();

  default String url() {
    return "http://127.0.0.1:" + port();
  }

  /** The arguments (a JSON array) of the next {@code record} event the server received. */
  String awaitRecord(Duration timeout) throws Exception;

  /** {@code io.emit("tick", n)}. */
  void tick(int n) throws Exception;

  /** Closes every engine connection (a recoverable loss), then emits {@code tick n} while the clients are away. */
  void dropAndTick(int n) throws Exception;

  /** Stops answering: the process or the server's I/O is frozen, so no ping comes. */
  void freeze() throws Exception;

  /** Undoes {@link #freeze()}. */
  void thaw() throws Exception;

  /** Whether {@code thread} belongs to the server (an in-JVM server's threads are not the client's). */
  default boolean ownsThread(Thread thread) {
    return false;
  }

  @Override
  void close();
}
