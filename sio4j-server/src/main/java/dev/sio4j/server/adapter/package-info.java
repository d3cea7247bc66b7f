/**
 * The adapter SPI: how a namespace keeps its rooms and reaches its sockets, on one server
 * ({@link dev.sio4j.server.adapter.InMemoryAdapter}) or across a cluster (an adapter publishing the same operations to
 * the other servers). Shaped after the reference {@code socket.io-adapter}: rooms, broadcast with
 * {@link dev.sio4j.server.adapter.BroadcastOptions}, broadcast with acknowledgements, fetch/join/leave/disconnect
 * sockets, server-side emit.
 */
package dev.sio4j.server.adapter;
