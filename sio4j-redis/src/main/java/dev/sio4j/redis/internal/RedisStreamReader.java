package dev.sio4j.redis.internal;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.api.StatefulConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one Redis stream for the adapters of every namespace of a server, as the reference's polling loop: {@code XREAD
 * BLOCK <blockTime> COUNT <readCount> STREAMS <stream> <last id>} on a connection of its own (a blocked read would
 * hold up the shared connection), each entry handed to the adapter of the namespace its {@code nsp} field names, in
 * stream order, then the next read from the last id. The first read starts after the stream's last entry when the
 * reader started (the reference starts at {@code $}, which loses the entries added between two reads until the first
 * entry arrives). A failed read (Redis restarting) is retried after a second, from the same id, so nothing kept in the
 * stream is skipped.
 *
 * <p>Started by the first registered namespace, stopped when the last leaves. Thread-safe; the handlers run on
 * Lettuce's I/O thread, one entry at a time, and must not block.
 */
public final class RedisStreamReader {
  private static final Logger log = LoggerFactory.getLogger(RedisStreamReader.class);
  private static final long RETRY_MILLIS = 1000;

  private final RedisConnections redis;
  private final String stream;
  private final int readCount;
  private final Duration blockTime;
  private final Map<String, Consumer<StreamMessage<String, byte[]>>> handlers = new ConcurrentHashMap<>();
  private StatefulConnection<String, byte[]> connection; // guarded by this
  private volatile boolean running;
  private volatile String lastId;

  public RedisStreamReader(RedisConnections redis, String stream, int readCount, Duration blockTime) {
    this.redis = redis;
    this.stream = stream;
    this.readCount = readCount;
    this.blockTime = blockTime;
  }

  /**
   * Hands the entries of namespace {@code nsp} to {@code handler}; the first one starts reading (blocks to connect).
   * When this call starts the reader and {@code past} is not null, the entries of {@code nsp} among the stream's latest
   * {@code history} are first handed to {@code past}, oldest first, and the live entries follow the last of them
   * without a gap: a server that starts in a running cluster (a node replaced in a rolling restart) so knows the
   * entries its first recovering clients missed without reading them back. A namespace that joins a reader already
   * running gets no history.
   */
  synchronized void register(String nsp, Consumer<StreamMessage<String, byte[]>> handler, int history,
      Consumer<StreamMessage<String, byte[]>> past) {
    handlers.put(nsp, handler);
    if (running) {
      return;
    }
    connection = redis.connectDedicated();
    int count = past == null ? 1 : Math.max(1, history);
    List<StreamMessage<String, byte[]>> last = LettuceFutures.awaitOrCancel(RedisLink.streams(connection)
        .xrevrange(stream, io.lettuce.core.Range.create("-", "+"), io.lettuce.core.Limit.from(count)),
        connection.getTimeout().toMillis(), TimeUnit.MILLISECONDS);
    lastId = last.isEmpty() ? "0-0" : last.get(0).getId();
    if (past != null && history > 0) {
      byte[] name = nsp.getBytes(StandardCharsets.UTF_8);
      for (int i = last.size() - 1; i >= 0; i--) {
        StreamMessage<String, byte[]> entry = last.get(i);
        if (Arrays.equals(name, entry.getBody().get("nsp"))) {
          try {
            past.accept(entry);
          } catch (RuntimeException e) {
            log.warn("failed to take in entry {} of stream {}", entry.getId(), stream, e);
          }
        }
      }
    }
    running = true;
    read(connection);
  }

  /** Stops handing entries to {@code nsp}; the last one stops reading. */
  synchronized void unregister(String nsp) {
    handlers.remove(nsp);
    if (!handlers.isEmpty() || !running) {
      return;
    }
    running = false;
    connection.closeAsync(); // fails the pending read, which is then dropped
    connection = null;
  }

  private void read(StatefulConnection<String, byte[]> conn) {
    if (!running || !conn.isOpen()) {
      return;
    }
    XReadArgs args = XReadArgs.Builder.block(blockTime.toMillis()).count(readCount);
    RedisLink.streams(conn).xread(args, StreamOffset.from(stream, lastId)).whenComplete((entries, error) -> {
      if (!running) {
        return;
      }
      if (error != null) {
        log.debug("reading stream {} failed, retrying: {}", stream, error.toString());
        try {
          redis.callbackExecutor().schedule(() -> read(conn), RETRY_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RuntimeException closed) {
          log.debug("not retrying: the Redis connections are closed");
        }
        return;
      }
      if (entries != null) {
        for (StreamMessage<String, byte[]> entry : entries) {
          lastId = entry.getId();
          dispatch(entry);
        }
      }
      read(conn);
    });
  }

  private void dispatch(StreamMessage<String, byte[]> entry) {
    byte[] nsp = entry.getBody().get("nsp");
    if (nsp == null) {
      return;
    }
    Consumer<StreamMessage<String, byte[]>> handler = handlers.get(new String(nsp, StandardCharsets.UTF_8));
    if (handler == null) {
      return;
    }
    try {
      handler.accept(entry);
    } catch (RuntimeException e) {
      // one bad entry (or a bug) must not stop the reading for every namespace
      log.warn("failed to handle entry {} of stream {}", entry.getId(), stream, e);
    }
  }
}
