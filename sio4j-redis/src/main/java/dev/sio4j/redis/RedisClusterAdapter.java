package dev.sio4j.redis;

import dev.sio4j.server.adapter.Adapter;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What the Redis adapter adds to {@link Adapter}, reached through a namespace:
 * {@code ((RedisClusterAdapter) io.of("/").adapter()).allRooms()}. Thread-safe; lives as long as its namespace's server.
 */
public interface RedisClusterAdapter extends Adapter {
  /** This server's id in the cluster's messages ({@code uid} of the reference). */
  String uid();

  /**
   * The rooms of every server of the cluster for this namespace, as the reference's {@code allRooms()}: fails with
   * {@link RedisRequestTimeoutException} when a server does not answer within {@code requestsTimeout}. Completes off the
   * Redis I/O threads.
   */
  CompletableFuture<Set<String>> allRooms();
}
