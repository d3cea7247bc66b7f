package dev.sio4j.bench.loadgen;

/** What the scenarios read from the server under test: its CPU time and resident memory, and a way to collect. */
public interface ServerProbe {
  /** CPU time (user + system) the server process used so far, in nanoseconds. */
  long cpuNanos();

  /** The server process's resident set size in bytes. */
  long rssBytes();

  /** Runs a full garbage collection in the server and returns when it is done. */
  void gc() throws Exception;

  /**
   * The server's live heap after a full collection and its direct (off-heap) buffers, in bytes, or null when the
   * server cannot tell (the collection is part of the call).
   */
  default Memory memory() throws Exception {
    gc();
    return null;
  }

  /** A server's own account of its memory: the live heap after a full collection, and direct buffers. */
  record Memory(long heap, long direct) {}

  /** Called while the connect scenario's {@code connections} are all open (after the collection): a hook for dumps. */
  default void whileConnected(int connections) throws Exception {}
}
