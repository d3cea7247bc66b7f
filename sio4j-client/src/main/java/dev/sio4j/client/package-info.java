/**
 * The Java Socket.IO client: as capable as the official JavaScript client, wire-compatible with every Socket.IO v4
 * server (Engine.IO v4, Socket.IO v5).
 *
 * <p>Entry points: {@link dev.sio4j.client.SocketIoClient#socket(String)} (the JS client's {@code io(url)}), or a
 * {@link dev.sio4j.client.Manager} and its {@link dev.sio4j.client.Manager#socket(String)}; options in
 * {@link dev.sio4j.client.ClientOptions}.
 *
 * <p>The data path, each hand-off named:
 * <ul>
 *   <li>in: transport ({@code PollingTransport} GET payloads or {@code WebSocketTransport} frames) → engine session
 *       ({@code EngineClient}: handshake, heartbeat, upgrade) → Socket.IO decoder (sio4j-protocol) →
 *       {@link dev.sio4j.client.Manager} (routes by namespace) → {@link dev.sio4j.client.Socket} (acks, offsets) →
 *       listener, on the manager's listener lane;</li>
 *   <li>out: {@link dev.sio4j.client.Socket#emit} (arguments become Jackson trees on the caller's thread) → the
 *       manager's event loop (buffer while disconnected, ack registration) → Socket.IO encoder → engine write buffer
 *       (batched within the server's {@code maxPayload} on polling) → transport.</li>
 * </ul>
 *
 * <p>Threads: each manager has two lanes, an event loop for timers, protocol state and the transports' callbacks, and
 * one on which listeners run; each lane runs its tasks one at a time, in order. The lanes run on threads that the
 * managers of one {@link dev.sio4j.client.SocketIoClient} share (a few loop threads, and listener threads made as
 * listeners run and ended when idle), so that an idle connection costs no thread of sio4j's; a manager made on its
 * own has such threads to itself. {@link dev.sio4j.client.Manager#close()} (or closing the last socket, or
 * {@link dev.sio4j.client.SocketIoClient#close()}) ends a manager's lanes, and the last manager closed ends the
 * threads. The network I/O runs on OkHttp: the user's client
 * ({@link dev.sio4j.client.ConnectionOptions.Builder#httpClient}), or one shared by the managers that have none,
 * ended with the last of them (OkHttp reads each WebSocket on a thread of its own).
 */
package dev.sio4j.client;
