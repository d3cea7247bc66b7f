/**
 * The client's implementation, not an API: the Engine.IO client session ({@code EngineClient}) and its transports
 * over Netty, the manager's threads, the backoff. Everything here is confined to a manager's event loop unless its
 * Javadoc says otherwise.
 */
package dev.sio4j.client.internal;
