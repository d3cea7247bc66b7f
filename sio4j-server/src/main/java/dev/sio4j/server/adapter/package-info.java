/**
 * The adapter SPI: how a namespace keeps its rooms and reaches its sockets, on one server
 * ({@link dev.sio4j.server.adapter.InMemoryAdapter}) or across a cluster. Shaped after the reference
 * {@code socket.io-adapter}: rooms, broadcast with {@link dev.sio4j.server.adapter.BroadcastOptions}, broadcast with
 * acknowledgements, fetch/join/leave/disconnect sockets, server-side emit, and the session store of connection state
 * recovery ({@code persistSession}, {@code restoreSession}).
 *
 * <p>For a cluster, {@link dev.sio4j.server.adapter.ClusterAdapter} (after the reference's {@code cluster-adapter.ts})
 * turns each operation into a typed {@link dev.sio4j.server.adapter.ClusterMessage} and matches requests to answers, so
 * a broker adapter (Redis, ...) only publishes and subscribes; {@link dev.sio4j.server.adapter.ClusterMessageCodec}
 * writes the reference's cluster format, and {@link dev.sio4j.server.adapter.ClusterAdapterWithHeartbeat} counts the
 * nodes by heartbeats for brokers that cannot.
 */
package dev.sio4j.server.adapter;
