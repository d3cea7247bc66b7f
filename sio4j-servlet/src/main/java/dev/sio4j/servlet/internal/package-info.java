/**
 * The servlet binding's implementation: not API. {@code EngineServlet} routes; {@code ServletHttpExchange},
 * {@code BodyReader} and {@code AsyncResponse} carry one asynchronous request; {@code WebSocketHandshake},
 * {@code EngineEndpointConfigurator}, {@code EngineEndpoint} and {@code ServletWebSocketConnection} one WebSocket
 * (with {@code JettyFrames}, Jetty's frame API, when the container is Jetty); {@code BindingRuntime} is what a servlet
 * owns, its writer threads among it.
 */
package dev.sio4j.servlet.internal;
