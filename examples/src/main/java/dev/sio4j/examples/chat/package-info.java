/**
 * The chat demo: what a newcomer sees first ({@code scripts/demo.sh}, http://localhost:3000).
 *
 * <p>One port serves everything: {@link dev.sio4j.examples.chat.ChatServer} starts a
 * {@link dev.sio4j.server.SocketIoServer} on the embedded Netty server, whose HTTP handlers answer the official browser
 * client ({@code /socket.io/socket.io.js}, served by the server itself) and the chat's own files ({@code StaticFiles}:
 * {@code /}, {@code /admin}, their script and style sheet, from {@code src/main/resources/chat/}).
 *
 * <p>The page (plain HTML, CSS and JavaScript over the official client) connects with its nickname and its rooms in
 * the handshake's {@code auth}, so that after a reconnection the server puts it back in its rooms before anything
 * else. Every emit is acknowledged and the client's {@code retries} resends after a lost acknowledgement; the server
 * keeps recent message ids per room ({@code ChatRooms}) so a message arrives once. {@code ChatService} holds the
 * events; {@code /admin} is guarded by a token middleware and receives live figures each second.
 */
package dev.sio4j.examples.chat;
