/**
 * Scale-out over PostgreSQL, byte for byte the official Node adapter ({@code @socket.io/postgres-adapter} 0.5):
 * {@link dev.sio4j.postgres.PostgresAdapterFactory} makes the adapter ({@code LISTEN} / {@code NOTIFY}, an attachments
 * table for large or binary payloads, heartbeats), configured by {@link dev.sio4j.postgres.PostgresAdapterOptions}.
 * It extends the server's broker-neutral {@link dev.sio4j.server.adapter.ClusterAdapterWithHeartbeat}.
 */
package dev.sio4j.postgres;
