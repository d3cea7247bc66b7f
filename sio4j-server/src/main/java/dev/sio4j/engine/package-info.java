/**
 * The Engine.IO v4 engine: sessions, heartbeat, long-polling and WebSocket transports, upgrade, independent of the
 * HTTP server that carries them.
 *
 * <p>The data path, inbound: a transport binding (Netty, Servlet) turns bytes into an {@link dev.sio4j.engine.HttpExchange}
 * or WebSocket frames → the {@link dev.sio4j.engine.EngineServer} routes them to a session → the session decodes Engine.IO
 * packets, answers heartbeats and upgrades, and hands MESSAGE packets to its {@link dev.sio4j.engine.EngineListener}
 * (the Socket.IO server's client). Outbound: {@link dev.sio4j.engine.EngineSocket#send} → the session's current
 * transport → the binding writes the shared bytes.
 */
package dev.sio4j.engine;
