package dev.sio4j.engine.internal;

import dev.sio4j.engine.EngineRequest;
import dev.sio4j.engine.HttpExchange;

/** Builds {@link EngineRequest} snapshots. */
final class Requests {
  private Requests() {}

  /** A snapshot of {@code exchange}, its repeated strings shared through {@code strings}. */
  static EngineRequest of(HttpExchange exchange, RequestStrings strings) {
    return new EngineRequest(exchange.method(), strings.share(exchange.uri()), strings.share(exchange.headers()),
        strings.share(exchange.queryParameters()), exchange.remoteAddress(), exchange.secure(),
        System.currentTimeMillis());
  }
}
