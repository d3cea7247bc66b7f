package dev.sio4j.engine.spi;

/**
 * Offered by a binding whose I/O threads are woken to write what other threads hand them: while a thread writes to
 * many connections (a handler thread running a burst of acknowledgements, a broadcast to thousands of sockets), the
 * wake-ups can be held back and made once per I/O thread at the end, so that the I/O threads find everything queued
 * and write it in fewer, larger system calls. Registered with {@code EngineServer.writeBatching}.
 *
 * <p>Thread-safe.
 */
public interface WriteBatching {

  /**
   * Starts a batch on the calling thread: until {@link Batch#end()}, its writes to connections queue without waking
   * their I/O threads.
   */
  Batch begin();

  /** A batch started by {@link #begin()}. */
  interface Batch {

    /** Ends the batch, on the thread that began it, waking every I/O thread it held back. */
    void end();

    /**
     * Wakes the I/O threads held back so far, from any thread; the batch goes on. For a batch whose thread is stuck
     * (a blocked handler): what it wrote leaves anyway.
     */
    void flush();
  }
}
