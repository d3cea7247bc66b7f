package dev.sio4j.engine;

/**
 * Serves plain HTTP requests that are not Engine.IO traffic: the browser client file, an application's own pages.
 * A binding asks its handlers in order before routing the request to the engine.
 */
@FunctionalInterface
public interface HttpHandler {

  /**
   * Answers {@code exchange} if this handler serves it.
   *
   * @return true when it responded (or will respond), false to let the next handler or the engine have it
   */
  boolean handle(HttpExchange exchange);
}
