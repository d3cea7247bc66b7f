package dev.sio4j.engine;

/**
 * A request the engine refused with a protocol error (the reference's {@code connection_error} event, whose {@code
 * err.req}, {@code err.code} and {@code err.message} these are).
 *
 * @param request the refused request
 * @param code the Engine.IO error code: 0 unknown transport, 1 unknown session id, 2 bad handshake method, 3 bad
 *     request, 4 forbidden, 5 unsupported protocol version
 * @param message the message sent to the client
 */
public record ConnectionError(EngineRequest request, int code, String message) {}
