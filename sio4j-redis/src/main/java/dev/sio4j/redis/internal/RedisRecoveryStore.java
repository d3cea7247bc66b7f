package dev.sio4j.redis.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio4j.protocol.msgpack.MsgpackReader;
import dev.sio4j.protocol.msgpack.MsgpackWriter;
import dev.sio4j.protocol.socketio.SocketIoPacketType;
import dev.sio4j.server.adapter.BroadcastOptions;
import dev.sio4j.server.adapter.ClusterMessage.Broadcast;
import dev.sio4j.server.adapter.ClusterMessageCodec;
import dev.sio4j.server.adapter.RestoredSession;
import dev.sio4j.server.adapter.SessionState;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Connection state recovery kept in Redis, so that a socket recovers on any server of the cluster: the sessions of
 * disconnected sockets as keys and the broadcasts as the entries of a stream, whose ids are the offsets clients
 * present. As the reference streams adapter ({@code @socket.io/redis-streams-adapter} {@code persistSession} /
 * {@code restoreSession}): a session is {@code <sessionKeyPrefix><pid>} holding the base64 of the msgpack of
 * {@code {sid, pid, rooms, data}}, expiring after {@code maxDisconnectionDuration}; a restore finds the session and the
 * client's offset in the stream, then reads the stream after that offset with {@code XRANGE}, keeping the broadcasts
 * that the socket's rooms would have received.
 *
 * <p>Unlike the reference, which deletes the session when it reads it ({@code GETDEL}), a restore leaves it to expire:
 * the server looks twice (before and after the recovered socket joins its rooms), and a session persisted again
 * replaces it. Also unlike the reference, the missed broadcasts are taken from the server's memory when the offset is
 * among the latest entries its reader handed over ({@link RecentEntries}). Bounded: the stream by its {@code MAXLEN}
 * (an offset trimmed away is not recovered: a fresh session), a restore by {@link #MAX_RANGE_CALLS} reads of
 * {@link #RANGE_COUNT} entries.
 *
 * <p>Holds the sessions being written and the range reads under way; thread-safe. Futures complete on Lettuce's
 * threads.
 */
public final class RedisRecoveryStore {
  /** Entries read per {@code XRANGE}. */
  static final int RANGE_COUNT = 1000;
  /** {@code XRANGE} calls per restore at most: entries added faster than read must not make a restore endless. */
  static final int MAX_RANGE_CALLS = 100;
  private static final Pattern OFFSET = Pattern.compile("^[0-9]+-[0-9]+$");
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final RedisConnections redis;
  private final ObjectMapper mapper;
  private final String sessionKeyPrefix;
  private final long ttlMillis;
  private final Set<CompletableFuture<Void>> pending = ConcurrentHashMap.newKeySet();
  // the range reads under way, by stream and offset (see rangeAfter)
  private final Map<String, CompletableFuture<List<Read>>> reading = new ConcurrentHashMap<>();

  /** A store over {@code redis}; sessions under {@code sessionKeyPrefix}, expiring after {@code ttlMillis}. */
  public RedisRecoveryStore(RedisConnections redis, ObjectMapper mapper, String sessionKeyPrefix, long ttlMillis) {
    this.redis = redis;
    this.mapper = mapper;
    this.sessionKeyPrefix = sessionKeyPrefix;
    this.ttlMillis = ttlMillis;
  }

  /**
   * A restored session and the id of the last entry its restore read (replayed if the socket was targeted).
   *
   * @param session the session and its missed packets
   * @param lastRead the last entry read, the client's offset when none followed it
   */
  public record Restore(RestoredSession session, String lastRead) {}

  /** Whether {@code offset} is a stream entry id ({@code <ms>-<seq>}), as clients of this store present. */
  public static boolean isOffset(String offset) {
    return offset != null && OFFSET.matcher(offset).matches();
  }

  /** Keeps {@code session} until it expires ({@code SET key value PX ttl}). */
  public CompletableFuture<Void> persist(SessionState session) {
    ObjectNode tree = JsonNodeFactory.instance.objectNode();
    tree.put("sid", session.sid());
    tree.put("pid", session.pid());
    tree.set("rooms", ClusterMessageCodec.strings(session.rooms()));
    tree.set("data", mapper.valueToTree(session.data()));
    byte[] value = Base64.getEncoder().encode(MsgpackWriter.encode(tree));
    CompletableFuture<Void> stored;
    try {
      stored = redis.link().strings().set(sessionKeyPrefix + session.pid(), value, SetArgs.Builder.px(ttlMillis))
          .toCompletableFuture().thenApply(ok -> null);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    pending.add(stored);
    stored.whenComplete((ok, e) -> pending.remove(stored));
    return stored;
  }

  /** Completes once the sessions being written now are written (or failed). */
  public CompletableFuture<Void> persisted() {
    return CompletableFuture.allOf(pending.stream().map(f -> f.exceptionally(e -> null))
        .toArray(CompletableFuture[]::new));
  }

  /**
   * Waits, at most {@code timeoutMillis}, for the sessions being written to be written: an adapter closing after a
   * drain must not drop the sessions that its clients will ask another node for.
   */
  public void awaitPersisted(long timeoutMillis) {
    try {
      persisted().get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // a store that does not answer is not waited for longer
    }
  }

  /**
   * The session {@code pid} with the broadcasts of {@code stream} after {@code offset} that it would have received, in
   * stream order, each data with its entry id appended; {@code null} when the session or the offset is unknown. When
   * {@code recent} holds the entry {@code offset}, the broadcasts up to its last entry are taken from it, as it is at
   * this call, and only those after it are read from the stream.
   *
   * @param decode the broadcast an entry holds for this namespace, or {@code null} for any other entry
   * @param recent the latest entries this server read for the namespace, or {@code null}
   */
  public CompletableFuture<Restore> restore(String pid, String offset, String stream,
      Function<StreamMessage<String, byte[]>, Broadcast> decode, RecentEntries recent) {
    if (!isOffset(offset)) {
      return CompletableFuture.completedFuture(null);
    }
    RecentEntries.Range range = recent == null ? null : recent.after(offset);
    try {
      CompletableFuture<byte[]> session = redis.link().strings().get(sessionKeyPrefix + pid).toCompletableFuture();
      if (range != null) {
        // The stream may hold newer entries than the reader handed over yet (this server's own broadcasts reach its
        // sockets when written, before the reader reads them back): those are read as without the recent entries,
        // asked for with the session (one round trip: a loaded server answers each late).
        CompletableFuture<List<Read>> newer = rangeAfter(stream, range.lastId(), decode);
        return session.thenCompose(raw -> newer.thenCompose(entries -> {
          SessionState state = raw == null ? null : decodeSession(raw);
          if (state == null) {
            return CompletableFuture.completedFuture(null);
          }
          List<ArrayNode> missed = new ArrayList<>();
          for (RecentEntries.Kept kept : range.missed()) {
            addIfTargeted(missed, state, kept.broadcast(), kept.id());
          }
          return keep(stream, range.lastId(), state, decode, missed, 0, entries);
        }));
      }
      CompletableFuture<List<StreamMessage<String, byte[]>>> at = redis.link().streams()
          .xrange(stream, Range.create(offset, offset), Limit.from(1)).toCompletableFuture();
      return session.thenCombine(at, (raw, found) -> raw == null || found.isEmpty() ? null : decodeSession(raw))
          .thenCompose(state -> state == null ? CompletableFuture.completedFuture(null)
              : readAfter(stream, offset, state, decode, new ArrayList<>(), 0));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private CompletableFuture<Restore> readAfter(String stream, String offset, SessionState state,
      Function<StreamMessage<String, byte[]>, Broadcast> decode, List<ArrayNode> missed, int calls) {
    if (calls == MAX_RANGE_CALLS) {
      return CompletableFuture.completedFuture(new Restore(new RestoredSession(state, missed), offset));
    }
    return rangeAfter(stream, offset, decode)
        .thenCompose(entries -> keep(stream, offset, state, decode, missed, calls, entries));
  }

  /**
   * The next {@link #RANGE_COUNT} entries after {@code offset}, decoded. Restores that ask for the same range while it
   * is being read share the one read: when a node is drained, its clients recover elsewhere together, most from the
   * same offset (the last broadcast they all received), and each reading and decoding the same entries again would
   * queue hundreds of large replies on the shared connection, behind which every other command waits. A restore that
   * joins a read issued a moment before it began may get fewer of the newest entries; the second look at its session
   * reads on from the last entry it got.
   */
  private CompletableFuture<List<Read>> rangeAfter(String stream, String offset,
      Function<StreamMessage<String, byte[]>, Broadcast> decode) {
    String key = stream + '\n' + offset;
    CompletableFuture<List<Read>> mine = new CompletableFuture<>();
    CompletableFuture<List<Read>> shared = reading.putIfAbsent(key, mine);
    if (shared != null) {
      return shared;
    }
    try {
      // exclusive ranges ("(id") need Redis 6.2: the next id instead, as the reference
      redis.link().streams().xrange(stream, Range.create(nextOffset(offset), "+"), Limit.from(RANGE_COUNT))
          .whenComplete((entries, error) -> {
            reading.remove(key, mine);
            if (error != null) {
              mine.completeExceptionally(error);
              return;
            }
            try {
              List<Read> decoded = new ArrayList<>(entries.size());
              for (StreamMessage<String, byte[]> entry : entries) {
                decoded.add(new Read(entry.getId(), decode.apply(entry)));
              }
              mine.complete(decoded);
            } catch (RuntimeException e) {
              mine.completeExceptionally(e);
            }
          });
    } catch (RuntimeException e) {
      reading.remove(key, mine);
      mine.completeExceptionally(e);
    }
    return mine;
  }

  /** An entry of the stream as a restore reads it: its id, and the broadcast it keeps for the namespace, or null. */
  private record Read(String id, Broadcast broadcast) {}

  /** Adds the kept broadcasts of {@code entries} (read after {@code offset}), then reads on if there may be more. */
  private CompletableFuture<Restore> keep(String stream, String offset, SessionState state,
      Function<StreamMessage<String, byte[]>, Broadcast> decode, List<ArrayNode> missed, int calls,
      List<Read> entries) {
    String last = offset;
    for (Read entry : entries) {
      last = entry.id();
      if (entry.broadcast() != null) {
        addIfTargeted(missed, state, entry.broadcast(), entry.id());
      }
    }
    if (entries.size() < RANGE_COUNT) {
      return CompletableFuture.completedFuture(new Restore(new RestoredSession(state, missed), last));
    }
    return readAfter(stream, last, state, decode, missed, calls + 1);
  }

  /** Adds {@code b}'s data with its offset {@code id} to {@code missed} when it is kept and targets the session. */
  private static void addIfTargeted(List<ArrayNode> missed, SessionState state, Broadcast b, String id) {
    if (isKept(b) && targets(state.rooms(), b.options())) {
      ArrayNode data = ((ArrayNode) b.packet().data()).deepCopy();
      data.add(id);
      missed.add(data);
    }
  }

  private SessionState decodeSession(byte[] raw) {
    try {
      JsonNode tree = MsgpackReader.decode(Base64.getDecoder().decode(raw));
      String sid = tree.path("sid").asText(null);
      String pid = tree.path("pid").asText(null);
      if (sid == null || pid == null) {
        return null;
      }
      Set<String> rooms = ClusterMessageCodec.set(tree.get("rooms"));
      Map<String, Object> data = new LinkedHashMap<>();
      JsonNode dataNode = tree.get("data");
      if (dataNode != null && dataNode.isObject()) {
        // SessionState holds no null values: a key set to null reads as absent
        mapper.convertValue(dataNode, MAP).forEach((k, v) -> {
          if (v != null) {
            data.put(k, v);
          }
        });
      }
      return new SessionState(sid, pid, rooms, data);
    } catch (IllegalArgumentException e) {
      return null; // not a session this store can read: a fresh session
    }
  }

  /** The reference's rule: EVENTs without acks and not volatile carry offsets (the others are never replayed). */
  private static boolean isKept(Broadcast b) {
    SocketIoPacketType type = b.packet().type();
    return (type == SocketIoPacketType.EVENT || type == SocketIoPacketType.BINARY_EVENT)
        && !b.options().volatileFlag() && b.packet().data() instanceof ArrayNode;
  }

  /** Whether a socket in {@code rooms} was targeted by a broadcast with {@code options} (reference rule). */
  static boolean targets(Set<String> rooms, BroadcastOptions options) {
    boolean included = options.rooms().isEmpty();
    for (String room : rooms) {
      if (options.except().contains(room)) {
        return false;
      }
      included |= options.rooms().contains(room);
    }
    return included;
  }

  /** The id right after {@code offset} ({@code <ms>-<seq + 1>}). */
  static String nextOffset(String offset) {
    int dash = offset.indexOf('-');
    return offset.substring(0, dash) + "-" + (Long.parseUnsignedLong(offset.substring(dash + 1)) + 1);
  }

  /** {@code value} as UTF-8 (stream fields are strings). */
  static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
