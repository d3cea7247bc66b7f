package dev.sio4j.engine;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Decides whether a handshake may open a session (the reference's {@code allowRequest} option): checks of origin,
 * authentication headers, rate limits. A refusal answers HTTP 403 with {@code {"code":4,"message":<message>}}.
 *
 * <p>The engine calls {@link #checkAsync} on an I/O thread for each handshake (never for requests of an existing
 * session); it must not block. A decision that needs I/O (a token lookup) is made asynchronously with
 * {@link #async}: the handshake goes on when the stage completes, on the thread that completes it. An exception, or
 * a stage that fails, refuses the request with "Forbidden".
 */
@FunctionalInterface
public interface AllowRequest {

  /** The decision for {@code request}, made at once. */
  Decision check(EngineRequest request);

  /** The decision for {@code request}; the default is {@link #check}'s, already complete. */
  default CompletionStage<Decision> checkAsync(EngineRequest request) {
    return CompletableFuture.completedFuture(check(request));
  }

  /**
   * An asynchronous filter: {@code check} returns a stage that completes with the decision later. Its
   * {@link #check} waits for the stage and is meant for tests only; the engine uses {@link #checkAsync}.
   */
  static AllowRequest async(Function<EngineRequest, ? extends CompletionStage<Decision>> check) {
    Objects.requireNonNull(check, "check");
    return new AllowRequest() {
      @Override
      public Decision check(EngineRequest request) {
        return checkAsync(request).toCompletableFuture().join();
      }

      @Override
      public CompletionStage<Decision> checkAsync(EngineRequest request) {
        return check.apply(request);
      }
    };
  }

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
