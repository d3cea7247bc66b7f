/**
 * The client's implementation, not an API: the Engine.IO client session ({@code EngineClient}) and its transports
 * over OkHttp ({@code PollingTransport} through {@code HttpExchange}, {@code WebSocketTransport}), the manager's
 * HTTP client, cookie jar and proxy tunnel, the manager's threads, the backoff. Everything here is confined to a manager's event loop unless its
 * Javadoc says otherwise.
 */
package dev.sio4j.client.internal;
