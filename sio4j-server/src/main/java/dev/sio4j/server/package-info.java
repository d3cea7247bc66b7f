/**
 * The Socket.IO v5 server: {@link dev.sio4j.server.SocketIoServer}, its {@link dev.sio4j.server.Namespace}s and
 * {@link dev.sio4j.server.Socket}s, broadcasts ({@link dev.sio4j.server.BroadcastOperator}) and acknowledgements.
 *
 * <p>The data path, inbound: the transport binding (Netty) → the Engine.IO session ({@code dev.sio4j.engine}) → the
 * connection's Socket.IO decoder, of the server's parser ({@code ServerOptions.parser}; {@code
 * internal.ClientConnection}, one per session, on the session's I/O thread) → the namespace socket, which queues the
 * packet on its serial executor → the socket middlewares and the user's listeners, on the handler executor (virtual
 * threads on JDK 21+, else a bounded pool), one at a time per socket. Outbound: {@code emit} → the
 * {@link dev.sio4j.server.BroadcastOperator} → the namespace's {@link dev.sio4j.server.adapter.Adapter} (local rooms,
 * or a cluster) → encoded once by the parser's encoder → every recipient's Engine.IO session writes the same packets.
 *
 * <p>Connection state recovery ({@link dev.sio4j.server.ConnectionStateRecovery}, off by default): the adapter tags
 * each kept broadcast with an offset and keeps it, a socket that lost its connection leaves its session (id, rooms,
 * data) with the adapter, and a client coming back with its {@code pid} and last offset gets the socket back
 * ({@link dev.sio4j.server.Socket#recovered()}) with the missed events replayed right after the CONNECT answer.
 *
 * <p>Nothing here blocks an I/O thread, and no state is static: several servers run side by side in one JVM.
 */
package dev.sio4j.server;
