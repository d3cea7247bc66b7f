/**
 * The engine in a Jakarta Servlet 6.0 container: {@link dev.sio4j.servlet.SocketIoServlet}.
 *
 * <p>Inbound: the container → {@code EngineServlet.service} → (a WebSocket upgrade under the engine's path)
 * {@link dev.sio4j.engine.EngineServer#handleUpgrade}, its decision awaited on the request thread, then
 * {@code ServerContainer.upgradeHttpToWebSocket} with an {@code EngineEndpoint} → whole messages up to maxPayload →
 * the engine's {@link dev.sio4j.engine.spi.WebSocketHandler}; (anything else) {@code startAsync} → the body read by a
 * {@code ReadListener} up to maxPayload → the {@link dev.sio4j.engine.HttpHandler}s, then
 * {@link dev.sio4j.engine.EngineServer#handleRequest}. Outbound: an exchange's answer is written by a
 * {@code WriteListener}, then the async context completes; WebSocket writes queue in order and go out one message at
 * a time through {@code RemoteEndpoint.Async}.
 */
package dev.sio4j.servlet;
