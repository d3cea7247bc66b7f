package dev.sio4j.servlet.internal;

import dev.sio4j.engine.EngineServer;
import dev.sio4j.engine.HttpHandler;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servlet that carries an engine's traffic. Routes each request as
 * {@link dev.sio4j.engine.spi.ServerBindingFactory} says: WebSocket upgrades under the engine's path to
 * {@link EngineServer#handleUpgrade}, then the handlers in order, then {@link EngineServer#handleRequest}, else 404.
 *
 * <p>Every plain request goes asynchronous ({@code startAsync}, no timeout): its body is read by a {@link BodyReader}
 * and its answer written by an {@link AsyncResponse}, so a long-polling GET the engine holds keeps no container thread.
 * An upgrade stays on its request thread until the engine has decided (see {@link WebSocketHandshake}).
 *
 * <p>Lifecycle: {@link #destroy()} (or {@link #shutdown()}) refuses new requests with 503 and closes its WebSockets;
 * the engine is its owner's to close. Thread-safety: as a servlet, called concurrently by the container.
 */
public final class EngineServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(EngineServlet.class);
  private static final String SERVER_CONTAINER = ServerContainer.class.getName();

  private final transient BindingRuntime runtime;

  /** A servlet routing to {@code handlers}, then to {@code engine}. */
  public EngineServlet(EngineServer engine, List<HttpHandler> handlers) {
    this.runtime = new BindingRuntime(engine, handlers);
  }

  /** Refuses new requests with 503 and closes the WebSockets this servlet opened. Idempotent. */
  public void shutdown() {
    runtime.close();
  }

  /** The number of WebSockets open through this servlet. */
  public int openWebSockets() {
    return runtime.openWebSockets();
  }

  @Override
  public void destroy() {
    shutdown();
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    ServletHttpExchange exchange = new ServletHttpExchange(request);
    if (!runtime.isClosed() && isWebSocketUpgrade(request) && runtime.engine.handles(exchange.path())) {
      ServerContainer container = (ServerContainer) request.getServletContext().getAttribute(SERVER_CONTAINER);
      if (container != null) {
        upgrade(request, response, exchange, container);
        return;
      }
      // no WebSocket in this container: the engine answers as to a polling request with transport=websocket
    }
    AsyncContext async = request.startAsync();
    // a held long-polling GET waits as long as the engine's heartbeat lets it: the container imposes no limit
    async.setTimeout(0);
    AsyncResponse answer = new AsyncResponse(async, exchange);
    async.addListener(answer);
    exchange.sink(answer);
    if (runtime.isClosed()) {
      exchange.respond(503, Map.of("Content-Type", "text/plain; charset=UTF-8"),
          "Server shutting down".getBytes(StandardCharsets.UTF_8));
      return;
    }
    long length = request.getContentLengthLong();
    if (length > 0 || (length < 0 && request.getHeader("Transfer-Encoding") != null)) {
      answer.expectBody();
      int max = runtime.engine.options().maxPayload();
      request.getInputStream().setReadListener(new BodyReader(request.getInputStream(), max, length > max,
          (body, tooLarge) -> {
            exchange.body(body, tooLarge);
            route(exchange);
          }, answer));
      return;
    }
    route(exchange);
  }

  private static boolean isWebSocketUpgrade(HttpServletRequest request) {
    if (!"GET".equals(request.getMethod())) {
      return false;
    }
    Enumeration<String> upgrade = request.getHeaders("Upgrade");
    while (upgrade != null && upgrade.hasMoreElements()) {
      for (String token : upgrade.nextElement().split(",")) {
        if (token.trim().equalsIgnoreCase("websocket")) {
          return true;
        }
      }
    }
    return false;
  }

  /** Handlers in order, then the engine, else 404; a handler's failure is a 500. */
  private void route(ServletHttpExchange exchange) {
    try {
      for (HttpHandler handler : runtime.handlers) {
        if (handler.handle(exchange)) {
          return;
        }
      }
      if (runtime.engine.handles(exchange.path())) {
        runtime.engine.handleRequest(exchange);
        return;
      }
      exchange.respond(404, Map.of("Content-Type", "text/plain; charset=UTF-8"),
          "Not Found".getBytes(StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      log.error("request {} {} failed", exchange.method(), exchange.uri(), e);
      if (!exchange.responded()) {
        exchange.respond(500, Map.of("Content-Type", "text/plain; charset=UTF-8"),
            "Internal Server Error".getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private void upgrade(HttpServletRequest request, HttpServletResponse response, ServletHttpExchange exchange,
      ServerContainer container) throws IOException {
    WebSocketHandshake handshake = new WebSocketHandshake();
    exchange.sink(handshake);
    Object outcome;
    try {
      runtime.engine.handleUpgrade(exchange, handshake);
      outcome = handshake.await(BindingRuntime.HANDSHAKE_TIMEOUT_MILLIS);
    } catch (InterruptedException e) {
      handshake.abandon();
      Thread.currentThread().interrupt();
      outcome = null;
    } catch (RuntimeException e) {
      log.error("upgrade {} failed", exchange.uri(), e);
      handshake.send(500, Map.of("Content-Type", "text/plain; charset=UTF-8"),
          "Internal Server Error".getBytes(StandardCharsets.UTF_8));
      outcome = handshake.decided();
    }
    if (outcome instanceof WebSocketHandshake.Accepted accepted) {
      EngineEndpoint endpoint = new EngineEndpoint(runtime, accepted.handler(), accepted.maxMessageSize());
      ServerEndpointConfig config = ServerEndpointConfig.Builder.create(EngineEndpoint.class, exchange.path())
          .configurator(new EngineEndpointConfigurator(accepted.headers(),
              runtime.engine.options().perMessageDeflate(), endpoint))
          .build();
      try {
        container.upgradeHttpToWebSocket(request, response, config, Map.of());
      } catch (DeploymentException | IOException | RuntimeException e) {
        log.debug("WebSocket handshake of {} failed", exchange.uri(), e);
        endpoint.handshakeFailed();
        if (!response.isCommitted()) {
          response.sendError(400);
        }
      }
      return;
    }
    AsyncContext async = request.startAsync();
    async.setTimeout(0);
    AsyncResponse answer = new AsyncResponse(async, exchange);
    async.addListener(answer);
    if (outcome instanceof WebSocketHandshake.Refused refused) {
      answer.send(refused.status(), refused.headers(), refused.body());
    } else {
      log.warn("no decision on the WebSocket upgrade of {} within {} ms", exchange.uri(),
          BindingRuntime.HANDSHAKE_TIMEOUT_MILLIS);
      answer.send(503, Map.of("Content-Type", "text/plain; charset=UTF-8"),
          "Service Unavailable".getBytes(StandardCharsets.UTF_8));
    }
  }
}
