/**
 * The engine's implementation. {@code EngineCore} checks each request as the reference's {@code verify()} and opens
 * sessions; an {@code EngineSession} (the reference's {@code socket.ts}) owns its state, write buffer, heartbeat and
 * upgrade, and runs every event in its {@code SerialExecutor} (one at a time, on whichever thread submits, no
 * thread of its own); {@code PollingTransport} and {@code WebSocketTransport} carry its packets, over any binding.
 * A session admitted with {@code allowEIO3} speaks Engine.IO v3: the same packets, framed by {@code EngineIoV3Codec}
 * in the two transports, and a heartbeat the client drives; nothing above the transports frames anything.
 */
package dev.sio4j.engine.internal;
