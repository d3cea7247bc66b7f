package dev.sio4j.postgres.internal;

import dev.sio4j.postgres.PostgresAdapterOptions;
import dev.sio4j.server.adapter.AdapterNamespace;
import dev.sio4j.server.adapter.ClusterAdapterOptions;
import dev.sio4j.server.adapter.ClusterAdapterWithHeartbeat;
import dev.sio4j.server.adapter.ClusterMessage;
import dev.sio4j.server.adapter.ClusterMessage.Response;
import dev.sio4j.server.adapter.ClusterMessageCodec;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The Postgres adapter of one namespace, byte-compatible with {@code @socket.io/postgres-adapter} 0.5: the messages of
 * the cluster adapter, in the reference's cluster format ({@link ClusterMessageCodec}), sent and received through the
 * server's {@link PostgresPubSub} on channel {@code <channelPrefix>#<nsp>}. Responses go to the same channel (every
 * server sees them; only the requester knows their request id). The nodes count each other by heartbeats.
 *
 * <p>Thread-safe. Messages are handled on the pub/sub's listening thread, in the order Postgres delivered them;
 * futures and acknowledgement callbacks complete on its callback thread.
 */
public final class PostgresAdapter extends ClusterAdapterWithHeartbeat {
  private final PostgresPubSub pubSub;
  private final String channel;

  /** The adapter of {@code namespace} over {@code pubSub}. */
  public PostgresAdapter(AdapterNamespace namespace, PostgresPubSub pubSub, PostgresAdapterOptions options) {
    super(namespace, ClusterAdapterOptions.builder().requestsTimeout(options.requestsTimeout())
        .heartbeatInterval(options.heartbeatInterval()).heartbeatTimeout(options.heartbeatTimeout()).build());
    this.pubSub = pubSub;
    this.channel = options.channelPrefix() + "#" + namespace.name();
  }

  /** The notification channel of the namespace. */
  String channel() {
    return channel;
  }

  /** The namespace's name. */
  String namespaceName() {
    return namespace.name();
  }

  /** Listens (the first adapter of the server opens the connections: blocks until it listens), then says hello. */
  @Override
  public void init() {
    pubSub.register(this);
    super.init();
  }

  /** Says goodbye ({@code ADAPTER_CLOSE}), then stops listening. */
  @Override
  public void close() {
    if (isClosed()) {
      return;
    }
    super.close();
    pubSub.unregister(this);
  }

  @Override
  protected Executor callbackExecutor() {
    return pubSub.callbackExecutor();
  }

  @Override
  protected CompletableFuture<Void> doPublish(ClusterMessage message) {
    return pubSub.publish(channel, ClusterMessageCodec.encode(uid(), namespace.name(), message));
  }

  @Override
  protected CompletableFuture<Void> doPublishResponse(String requesterUid, Response response) {
    return pubSub.publish(channel, ClusterMessageCodec.encode(uid(), namespace.name(), response));
  }

  /** A message of this namespace, from the listening thread. */
  void receive(ClusterMessageCodec.Envelope envelope) {
    onMessage(envelope.uid(), envelope.message());
  }
}
