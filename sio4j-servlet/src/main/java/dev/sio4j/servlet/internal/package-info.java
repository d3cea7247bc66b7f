/**
 * The servlet binding's implementation: not API. {@code EngineServlet} routes; {@code ServletHttpExchange},
 * {@code BodyReader} and {@code AsyncResponse} carry one asynchronous request; {@code WebSocketHandshake},
 * {@code EngineEndpointConfigurator}, {@code EngineEndpoint} and {@code ServletWebSocketConnection} one WebSocket;
 * {@code BindingRuntime} is what a servlet owns.
 */
package dev.sio4j.servlet.internal;
