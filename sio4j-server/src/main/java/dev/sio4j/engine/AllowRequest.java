package dev.sio4j.engine;

import java.util.Objects;

/**
 * Decides whether a handshake may open a session (the reference's {@code allowRequest} option): checks of origin,
 * authentication headers, rate limits. A refusal answers HTTP 403 with {@code {"code":4,"message":<message>}}.
 *
 * <p>Called on an I/O thread for each handshake (never for requests of an existing session): it must not block.
 * An exception thrown by it refuses the request with "Forbidden".
 */
@FunctionalInterface
public interface AllowRequest {

  /** The decision for {@code request}. */
  Decision check(EngineRequest request);

  /** The outcome of {@link AllowRequest#check}. Immutable. */
  final class Decision {
    private static final Decision ALLOW = new Decision(true, null);

    private final boolean allowed;
    private final String message;

    private Decision(boolean allowed, String message) {
      this.allowed = allowed;
      this.message = message;
    }

    /** Lets the handshake go on. */
    public static Decision allow() {
      return ALLOW;
    }

    /** Refuses the handshake; {@code message} is sent to the client in the error body. */
    public static Decision refuse(String message) {
      return new Decision(false, Objects.requireNonNull(message, "message"));
    }

    /** Whether the request is allowed. */
    public boolean allowed() {
      return allowed;
    }

    /** The refusal message, or {@code null} when allowed. */
    public String message() {
      return message;
    }
  }
}
