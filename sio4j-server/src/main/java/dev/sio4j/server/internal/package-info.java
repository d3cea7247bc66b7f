/**
 * The implementation of the Socket.IO server; not an API. {@code ServerCore} owns the server's state and is the
 * engine's listener; {@code ClientConnection} joins one Engine.IO session to its namespace sockets;
 * {@code NamespaceImpl}, {@code SocketImpl}, {@code BroadcastOperatorImpl} implement the public types;
 * {@code SerialExecutor} keeps each socket's handlers in order on the shared handler executor.
 */
package dev.sio4j.server.internal;
