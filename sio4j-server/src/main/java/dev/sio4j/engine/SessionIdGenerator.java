package dev.sio4j.engine;

/**
 * Makes the id ({@code sid}) of a new Engine.IO session (the reference's {@code generateId} option). Called once per
 * handshake, on an I/O thread, after {@code allowRequest} admitted it: it must be quick and must not block.
 *
 * <p>The id must be unique within the server, non-empty, and made of URL-safe characters (it travels in the
 * {@code sid} query parameter); a handshake whose generated id is empty, unsafe or already in use is refused with
 * Engine.IO error 3 (bad request), and one whose generator throws is refused the same way. Several servers in one JVM
 * may share a generator only if it is thread-safe.
 */
@FunctionalInterface
public interface SessionIdGenerator {
  /** The id of the session {@code request} opens. */
  String generate(EngineRequest request);
}
