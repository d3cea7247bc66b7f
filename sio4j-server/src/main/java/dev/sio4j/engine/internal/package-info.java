/**
 * The engine's implementation. {@code EngineCore} checks each request as the reference's {@code verify()} and opens
 * sessions; an {@code EngineSession} (the reference's {@code socket.ts}) owns its state, write buffer, heartbeat and
 * upgrade, and runs every event in its {@code SerialExecutor} (one at a time, on whichever thread submits, no
 * thread of its own); {@code PollingTransport} and {@code WebSocketTransport} carry its packets, over any binding.
 */
package dev.sio4j.engine.internal;
