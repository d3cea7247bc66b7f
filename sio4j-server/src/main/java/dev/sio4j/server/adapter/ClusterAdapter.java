package dev.sio4j.server.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import dev.sio4j.server.AckTimeoutException;
import dev.sio4j.server.Arguments;
import dev.sio4j.server.RemoteSocket;
import dev.sio4j.server.adapter.ClusterMessage.AdapterClose;
import dev.sio4j.server.adapter.ClusterMessage.Broadcast;
import dev.sio4j.server.adapter.ClusterMessage.BroadcastAck;
import dev.sio4j.server.adapter.ClusterMessage.BroadcastClientCount;
import dev.sio4j.server.adapter.ClusterMessage.DisconnectSockets;
import dev.sio4j.server.adapter.ClusterMessage.FetchSockets;
import dev.sio4j.server.adapter.ClusterMessage.FetchSocketsResponse;
import dev.sio4j.server.adapter.ClusterMessage.Heartbeat;
import dev.sio4j.server.adapter.ClusterMessage.Response;
import dev.sio4j.server.adapter.ClusterMessage.ServerSideEmit;
import dev.sio4j.server.adapter.ClusterMessage.ServerSideEmitResponse;
import dev.sio4j.server.adapter.ClusterMessage.SocketsJoin;
import dev.sio4j.server.adapter.ClusterMessage.SocketsLeave;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An adapter for a cluster of servers over any broker, after the reference's {@code ClusterAdapter}
 * ({@code socket.io-adapter} {@code cluster-adapter.ts}): local rooms as {@link InMemoryAdapter}, and every operation
 * that crosses servers turned into a typed {@link ClusterMessage}: broadcasts (with acknowledgements gathered from every
 * server), {@code fetchSockets}, {@code socketsJoin} / {@code socketsLeave} / {@code disconnectSockets}, server-side
 * emits (with answers). Requests are matched to their answers by request id and complete as soon as every expected
 * server answered ({@link #responders()}), or fail at their timeout.
 *
 * <p>A broker adapter extends it and does only the broker's part: {@link #doPublish} and {@link #doPublishResponse}
 * send a message (encoded its own way: {@link ClusterMessageCodec} for the reference's cluster format), and what it
 * receives goes to {@link #onMessage} (a response too, or to {@link #onResponse}). It subscribes in {@link #init()}
 * and unsubscribes in {@link #close()}, and says how many servers there are ({@link #serverCountAsync()}), unless it
 * extends {@link ClusterAdapterWithHeartbeat}, which counts them itself.
 *
 * <p>Connection state recovery: by default each server keeps its own broadcasts and sessions in memory (as
 * {@link InMemoryAdapter}), so a client recovers only on the server it left. A broker that keeps a log (a Redis stream)
 * passes {@code sharedRecovery}: a broadcast's offset is then the one the broker gave it, the same on every server
 * ({@link #doPublishAndReturnOffset} completes with it; a received message comes with it to
 * {@link #onMessage(String, ClusterMessage, String)}), and the subclass keeps the sessions and reads the missed packets
 * from the broker ({@link #persistSession}, {@link #restoreSession}), so that a client recovers on any server.
 *
 * <p>Thread-safe. {@link #onMessage} must be called in the order the broker delivered, from one thread at a time, and
 * must not be blocked; it never blocks. Futures and acknowledgement callbacks complete on {@link #callbackExecutor()}.
 */
public abstract class ClusterAdapter extends InMemoryAdapter {
  private static final Logger log = LoggerFactory.getLogger(ClusterAdapter.class);
  /** The timing options. */
  protected final ClusterAdapterOptions clusterOptions;
  private final String uid;
  private final ClusterRequests requests;
  private final ClusterAcks acks = new ClusterAcks();
  private final boolean sharedRecovery;
  private volatile boolean closed;

  /** The adapter of {@code namespace}, with a fresh uid; connection state recovery kept in this server's memory. */
  protected ClusterAdapter(AdapterNamespace namespace, ClusterAdapterOptions options) {
    this(namespace, options, false);
  }

  /**
   * The adapter of {@code namespace}, with a fresh uid. With {@code sharedRecovery}, connection state recovery uses
   * the broker's store instead of this server's memory: the offset of a broadcast is the one
   * {@link #doPublishAndReturnOffset} completes with (the reference's {@code doPublish}), or the one given to
   * {@link #onMessage(String, ClusterMessage, String)}; the subclass implements {@link #persistSession} and
   * {@link #restoreSession} over that store, so a socket recovers on any server.
   */
  protected ClusterAdapter(AdapterNamespace namespace, ClusterAdapterOptions options, boolean sharedRecovery) {
    super(namespace, !sharedRecovery);
    this.sharedRecovery = sharedRecovery;
    this.clusterOptions = Objects.requireNonNull(options, "options");
    this.uid = namespace.newId();
    this.requests = new ClusterRequests(namespace.scheduler(), namespace::newId, this::callbackExecutor);
  }

  /** This server's id in the cluster's messages (the reference's {@code uid}). */
  public String uid() {
    return uid;
  }

  /** Sends {@code message} from this server to the others; completes when the broker took it. */
  protected abstract CompletableFuture<Void> doPublish(ClusterMessage message);

  /**
   * Sends {@code message} as {@link #doPublish} does and completes with the offset the broker gave it (a stream entry
   * id: with {@code sharedRecovery}, a broadcast's recovery offset), as the reference's {@code doPublish} returns it.
   * The default calls {@link #doPublish} and completes with {@code null}: a broker without offsets.
   */
  protected CompletableFuture<String> doPublishAndReturnOffset(ClusterMessage message) {
    return doPublish(message).thenApply(v -> null);
  }

  /** Sends {@code response} to server {@code requesterUid} (its uid as the request came; may be null). */
  protected abstract CompletableFuture<Void> doPublishResponse(String requesterUid, Response response);

  /**
   * Where futures and acknowledgement callbacks complete: off the broker's I/O thread, so what the application chains
   * on them does not hold up the cluster's traffic. The default runs them on the calling thread.
   */
  protected Executor callbackExecutor() {
    return Runnable::run;
  }

  /**
   * Who must answer a request: by default {@code serverCountAsync() - 1} servers, counted. A subclass that knows the
   * other servers by uid ({@link ClusterAdapterWithHeartbeat}) names them, so a server that leaves is not waited for.
   */
  protected CompletableFuture<Responders> responders() {
    return serverCountAsync().thenApply(count -> Responders.count(count - 1));
  }

  /** The failure of request {@code request} at its timeout (counts include this server). */
  protected RuntimeException requestTimedOut(String request, int expected, int received) {
    return new ClusterRequestTimeoutException(request, expected, received);
  }

  /** A message of a type this class does not know (a broker adapter's own): ignored by default. */
  protected void onOtherMessage(String from, ClusterMessage message) {
    log.debug("[{}] ignoring a message of unknown type from {}: {}", uid, from, message);
  }

  /** Whether {@link #close()} was called. */
  protected final boolean isClosed() {
    return closed;
  }

  /** Publishes {@code message}, logging a failure (nothing is sent once closed). */
  protected final void publish(ClusterMessage message) {
    publishAndReturnOffset(message);
  }

  /**
   * Publishes {@code message}: completes with its offset ({@link #doPublishAndReturnOffset}), or with {@code null}
   * when sending failed (logged) or the adapter is closed; never fails.
   */
  protected CompletableFuture<String> publishAndReturnOffset(ClusterMessage message) {
    return send(() -> doPublishAndReturnOffset(message), message);
  }

  /** Sends {@code response} to {@code requesterUid}, logging a failure. */
  protected final void publishResponse(String requesterUid, Response response) {
    send(() -> doPublishResponse(requesterUid, response).thenApply(v -> null), response);
  }

  private CompletableFuture<String> send(Supplier<CompletableFuture<String>> sending, ClusterMessage message) {
    if (closed) {
      return CompletableFuture.completedFuture(null);
    }
    try {
      return sending.get().exceptionally(e -> {
        log.warn("[{}] sending {} failed", uid, message.getClass().getSimpleName(), e);
        return null;
      });
    } catch (RuntimeException e) {
      log.warn("[{}] sending {} failed", uid, message.getClass().getSimpleName(), e);
      return CompletableFuture.completedFuture(null);
    }
  }

  /** Forgets every pending request: they fail with a {@link CancellationException}. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    requests.close();
    acks.clear();
    super.close();
  }

  // --- outgoing -----------------------------------------------------------------------------------------------------

  /**
   * Publishes the broadcast, then delivers it to the local targets. With {@code sharedRecovery}, a recoverable packet
   * is delivered locally once the broker gave its offset (as the reference: the offset is the same on every server).
   */
  @Override
  public void broadcast(SocketIoPacket packet, BroadcastOptions options) {
    if (options.local()) {
      super.broadcast(packet, options);
    } else if (sharedRecovery && namespace.connectionStateRecovery().isPresent() && isRecoverable(packet, options)) {
      publishAndReturnOffset(new Broadcast(packet, options, null))
          .thenAccept(offset -> broadcastWithOffset(packet, options, offset));
    } else {
      publish(new Broadcast(packet, options, null));
      super.broadcast(packet, options);
    }
  }

  @Override
  public void broadcastWithAck(SocketIoPacket packet, BroadcastOptions options, IntConsumer clientCount,
      Consumer<Arguments> ack) {
    if (!options.local()) {
      String requestId = namespace.newId();
      long keep = options.timeoutMillis() > 0 ? options.timeoutMillis() : clusterOptions.requestsTimeout().toMillis();
      acks.expect(requestId, clientCount, ack, keep, namespace.scheduler());
      publish(new Broadcast(packet, options, requestId));
    }
    super.broadcastWithAck(packet, options, clientCount, ack);
  }

  @Override
  public CompletableFuture<List<RemoteSocket>> fetchSockets(BroadcastOptions options) {
    List<RemoteSocket> local = super.fetchSockets(options).join();
    if (options.local()) {
      return CompletableFuture.completedFuture(local);
    }
    List<RemoteSocket> all = new ArrayList<>(local);
    long timeout = options.timeoutMillis() > 0 ? options.timeoutMillis() : clusterOptions.requestsTimeout().toMillis();
    return request(id -> new FetchSockets(options, id), Answers.of(response -> {
      if (response instanceof FetchSocketsResponse r) {
        for (JsonNode node : r.sockets()) {
          ClusterSocket socket = ClusterSocket.of(this, namespace.name(), namespace.mapper(), node);
          if (socket != null) {
            all.add(socket);
          }
        }
      }
    }, () -> List.copyOf(all), (expected, received) -> requestTimedOut("fetchSockets", expected, received)), timeout);
  }

  @Override
  public void addSockets(BroadcastOptions options, Set<String> rooms) {
    super.addSockets(options, rooms);
    if (!options.local()) {
      publish(new SocketsJoin(options, rooms));
    }
  }

  @Override
  public void delSockets(BroadcastOptions options, Set<String> rooms) {
    super.delSockets(options, rooms);
    if (!options.local()) {
      publish(new SocketsLeave(options, rooms));
    }
  }

  @Override
  public void disconnectSockets(BroadcastOptions options, boolean close) {
    if (!options.local()) {
      publish(new DisconnectSockets(options, close));
    }
    super.disconnectSockets(options, close);
  }

  @Override
  public void serverSideEmit(List<JsonNode> packet) {
    publish(new ServerSideEmit(packet, null));
  }

  /** Each other server answers once: completes with the answers, or fails with {@link AckTimeoutException}. */
  @Override
  public CompletableFuture<List<Arguments>> serverSideEmitWithAck(List<JsonNode> packet, long timeoutMillis) {
    List<Arguments> answers = new ArrayList<>();
    long timeout = timeoutMillis > 0 ? timeoutMillis : clusterOptions.requestsTimeout().toMillis();
    return request(id -> new ServerSideEmit(packet, id), Answers.of(response -> {
      if (response instanceof ServerSideEmitResponse r) {
        answers.add(new Arguments(r.packet() == null ? List.of() : List.of(r.packet()), namespace.mapper()));
      }
    }, () -> List.copyOf(answers), (expected, received) -> new AckTimeoutException(timeout, List.copyOf(answers))),
        timeout);
  }

  /**
   * Publishes the request {@code message} makes of a fresh request id when other servers must answer
   * ({@link #responders()}), gives each answer to {@code answers} and completes with its result once every expected
   * server answered, or fails with its {@code timedOut} after {@code timeoutMillis}. With no other server, completes
   * at once. {@code answers} is called under the request's lock. The timeout covers counting the servers too: when
   * the broker does not even say how many there are in time (it is down, or paused), the request fails with
   * {@code timedOut(0, 1)} (no server known) rather than waiting for the broker.
   */
  protected final <T> CompletableFuture<T> request(Function<String, ClusterMessage> message, Answers<T> answers,
      long timeoutMillis) {
    CompletableFuture<T> result = new CompletableFuture<>();
    long started = System.nanoTime();
    responders().orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).whenComplete((who, error) -> {
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      if (cause instanceof TimeoutException) {
        requests.complete(result, null, answers.timedOut(0, 1));
      } else if (error != null) {
        requests.complete(result, null, error);
      } else {
        long left = timeoutMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        requests.start(who, message, answers, Math.max(1, left), this::publish, result);
      }
    });
    return result;
  }

  /** Server {@code uid} left: no pending request waits for it any more (those it alone held up complete now). */
  protected final void forgetResponder(String uid) {
    requests.forget(uid);
  }

  // --- incoming -----------------------------------------------------------------------------------------------------

  /** A message from server {@code from} (its own messages, coming back from the broker, are skipped). */
  protected final void onMessage(String from, ClusterMessage message) {
    onMessage(from, message, null);
  }

  /**
   * A message from server {@code from} at {@code offset} in the broker's log ({@code null} when it has none): with
   * {@code sharedRecovery}, a broadcast's recovery offset.
   */
  protected void onMessage(String from, ClusterMessage message, String offset) {
    if (closed || uid.equals(from)) {
      return;
    }
    if (message instanceof Response response) {
      onResponse(from, response);
    } else if (message instanceof Broadcast b) {
      if (!b.packet().namespace().equals(namespace.name())) {
        return;
      }
      String requestId = b.requestId();
      if (requestId == null) {
        if (sharedRecovery) {
          broadcastWithOffset(b.packet(), b.options(), offset);
        } else {
          super.broadcast(b.packet(), b.options());
        }
      } else if (!acks.isOwn(requestId)) {
        super.broadcastWithAck(b.packet(), b.options(),
            count -> publishResponse(from, new BroadcastClientCount(requestId, count)),
            // the reference passes on the first argument of each client's acknowledgement
            args -> publishResponse(from, new BroadcastAck(requestId, args.isEmpty() ? null : args.get(0))));
      }
    } else if (message instanceof SocketsJoin j) {
      super.addSockets(j.options(), j.rooms());
    } else if (message instanceof SocketsLeave l) {
      super.delSockets(l.options(), l.rooms());
    } else if (message instanceof DisconnectSockets d) {
      super.disconnectSockets(d.options(), d.close());
    } else if (message instanceof FetchSockets f) {
      List<JsonNode> sockets = new ArrayList<>();
      for (RemoteSocket socket : super.fetchSockets(f.options()).join()) {
        sockets.add(ClusterSocket.describe(namespace.mapper(), socket));
      }
      publishResponse(from, new FetchSocketsResponse(f.requestId(), sockets));
    } else if (message instanceof ServerSideEmit e) {
      onServerSideEmit(from, e);
    } else if (!(message instanceof Heartbeat) && !(message instanceof AdapterClose)) {
      onOtherMessage(from, message);
    }
  }

  private void onServerSideEmit(String from, ServerSideEmit emit) {
    List<JsonNode> packet = emit.packet();
    if (packet.isEmpty()) {
      return;
    }
    String event = packet.get(0).asText();
    Arguments args = new Arguments(packet.subList(1, packet.size()), namespace.mapper());
    String requestId = emit.requestId();
    if (requestId == null) {
      namespace.receiveServerSideEmit(event, args);
    } else {
      // the sender waits for one answer from this server: the first a listener gives
      namespace.receiveServerSideEmit(event, args,
          value -> publishResponse(from, new ServerSideEmitResponse(requestId, value)));
    }
  }

  /** An answer from server {@code from} ({@code null} when the format does not say). */
  protected void onResponse(String from, Response response) {
    if (closed) {
      return;
    }
    if (!acks.answer(response, callbackExecutor(), namespace.mapper())) {
      requests.answer(from, response);
    }
  }
}
