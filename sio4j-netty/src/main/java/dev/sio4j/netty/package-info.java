/**
 * The embedded HTTP + WebSocket server: {@link dev.sio4j.netty.NettyServer}.
 *
 * <p>Inbound: bytes → {@code HttpServerCodec} → {@code HttpRequestHandler} (one request at a time, body capped at
 * maxPayload) → the application's {@link dev.sio4j.engine.HttpHandler}s, then
 * {@link dev.sio4j.engine.EngineServer#handleRequest} (long-polling) or
 * {@link dev.sio4j.engine.EngineServer#handleUpgrade} (WebSocket); after an upgrade, frames → UTF-8 validation →
 * aggregation up to maxPayload → {@code WebSocketFrameHandler} → the engine's
 * {@link dev.sio4j.engine.spi.WebSocketHandler}. Outbound: the engine's writes hop onto the channel's event loop; a
 * text packet's frame wraps its cached UTF-8 bytes, shared by every recipient.
 */
package dev.sio4j.netty;
