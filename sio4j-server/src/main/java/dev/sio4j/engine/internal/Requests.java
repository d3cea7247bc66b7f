package dev.sio4j.engine.internal;

import dev.sio4j.engine.EngineRequest;
import dev.sio4j.engine.HttpExchange;

/** Builds {@link EngineRequest} snapshots. */
final class Requests {
  private Requests() {}

  static EngineRequest of(HttpExchange exchange) {
    return new EngineRequest(exchange.method(), exchange.uri(), exchange.headers(), exchange.queryParameters(),
        exchange.remoteAddress(), exchange.secure(), System.currentTimeMillis());
  }
}
