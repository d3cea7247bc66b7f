package dev.sio4j.server.adapter;

import dev.sio4j.server.adapter.ClusterMessage.AdapterClose;
import dev.sio4j.server.adapter.ClusterMessage.Heartbeat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ClusterAdapter} whose nodes count each other by heartbeats, after the reference's
 * {@code ClusterAdapterWithHeartbeat}: for brokers that cannot say how many subscribers there are (streams, Postgres).
 * Each node publishes {@code INITIAL_HEARTBEAT} when it starts (the others answer with a {@code HEARTBEAT}), a
 * {@code HEARTBEAT} after {@code heartbeatInterval} without publishing anything else, and {@code ADAPTER_CLOSE} when it
 * closes. Every message tells who is alive; a node silent for {@code heartbeatTimeout}, or closed, is forgotten.
 *
 * <p>So a request knows which nodes must answer, by uid: it completes as soon as each of them answered or left (not at
 * its timeout), and fails at its timeout only when a live node stays silent. {@link #serverCount()} is 1 plus the live
 * nodes. Messages from an emitter (uid {@code "emitter"}) are handled but do not count as a node.
 *
 * <p>A subclass subscribes before calling {@code super.init()} (which publishes the initial heartbeat, whose answers
 * it must hear) and unsubscribes after {@code super.close()} (which publishes {@code ADAPTER_CLOSE}). Thread-safe; the
 * timers run on the namespace's scheduler, the clock is the server's.
 */
public abstract class ClusterAdapterWithHeartbeat extends ClusterAdapter {
  private static final Logger log = LoggerFactory.getLogger(ClusterAdapterWithHeartbeat.class);
  /** The uid of the reference's emitter: it publishes but is not a node. */
  static final String EMITTER_UID = "emitter";
  /** How often silent nodes are looked for, at most (the reference checks every second). */
  private static final long CLEANUP_PERIOD_MILLIS = 1000;

  private final Map<String, Long> nodes = new ConcurrentHashMap<>(); // uid -> when last heard of, server clock
  private volatile long lastPublished;
  private volatile ScheduledFuture<?> heartbeat;
  private volatile ScheduledFuture<?> cleanup;

  /** The adapter of {@code namespace}. */
  protected ClusterAdapterWithHeartbeat(AdapterNamespace namespace, ClusterAdapterOptions options) {
    super(namespace, options);
  }

  /** The adapter of {@code namespace}; {@code sharedRecovery} as {@link ClusterAdapter}'s. */
  protected ClusterAdapterWithHeartbeat(AdapterNamespace namespace, ClusterAdapterOptions options,
      boolean sharedRecovery) {
    super(namespace, options, sharedRecovery);
  }

  /** Publishes the initial heartbeat and starts the timers. */
  @Override
  public void init() {
    super.init();
    publish(new Heartbeat(true));
    scheduleHeartbeat(clusterOptions.heartbeatInterval().toMillis());
    long period = Math.min(CLEANUP_PERIOD_MILLIS, clusterOptions.heartbeatTimeout().toMillis());
    cleanup = namespace.scheduler().scheduleAtFixedRate(this::forgetSilentNodes, period, period,
        TimeUnit.MILLISECONDS);
  }

  /** Publishes {@code ADAPTER_CLOSE}, so that no node waits for this one, and stops the timers. */
  @Override
  public void close() {
    if (isClosed()) {
      return;
    }
    publish(new AdapterClose());
    cancel(heartbeat);
    cancel(cleanup);
    nodes.clear();
    super.close();
  }

  private static void cancel(ScheduledFuture<?> timer) {
    if (timer != null) {
      timer.cancel(false);
    }
  }

  /** Any message published postpones the next heartbeat: the others heard of this node already. */
  @Override
  protected CompletableFuture<String> publishAndReturnOffset(ClusterMessage message) {
    lastPublished = namespace.currentTimeMillis();
    return super.publishAndReturnOffset(message);
  }

  private void scheduleHeartbeat(long delayMillis) {
    if (!isClosed()) {
      heartbeat = namespace.scheduler().schedule(this::heartbeatIfSilent, delayMillis, TimeUnit.MILLISECONDS);
    }
  }

  private void heartbeatIfSilent() {
    long interval = clusterOptions.heartbeatInterval().toMillis();
    long silent = namespace.currentTimeMillis() - lastPublished;
    if (silent >= interval) {
      publish(new Heartbeat(false));
      scheduleHeartbeat(interval);
    } else {
      scheduleHeartbeat(interval - silent);
    }
  }

  private void forgetSilentNodes() {
    long now = namespace.currentTimeMillis();
    long timeout = clusterOptions.heartbeatTimeout().toMillis();
    nodes.forEach((uid, lastSeen) -> {
      if (now - lastSeen > timeout) {
        log.debug("[{}] node {} seems down", uid(), uid);
        removeNode(uid);
      }
    });
  }

  private void removeNode(String uid) {
    nodes.remove(uid);
    forgetResponder(uid);
  }

  @Override
  protected void onMessage(String from, ClusterMessage message, String offset) {
    if (isClosed() || uid().equals(from)) {
      return;
    }
    if (from != null && !EMITTER_UID.equals(from)) {
      nodes.put(from, namespace.currentTimeMillis());
    }
    if (message instanceof Heartbeat h) {
      if (h.initial()) {
        publish(new Heartbeat(false)); // a new node: tell it this one exists
      }
    } else if (message instanceof AdapterClose) {
      if (from != null) {
        removeNode(from);
      }
    } else {
      super.onMessage(from, message, offset);
    }
  }

  /** The live nodes, by uid. */
  @Override
  protected CompletableFuture<Responders> responders() {
    return CompletableFuture.completedFuture(Responders.of(Set.copyOf(nodes.keySet())));
  }

  /** 1 plus the nodes heard of within {@code heartbeatTimeout}; never blocks. */
  @Override
  public int serverCount() {
    return 1 + nodes.size();
  }

  @Override
  public CompletableFuture<Integer> serverCountAsync() {
    return CompletableFuture.completedFuture(serverCount());
  }
}
