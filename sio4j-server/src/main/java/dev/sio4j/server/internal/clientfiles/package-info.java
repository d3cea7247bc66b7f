/**
 * Serving the official browser client ({@code serveClient}): the {@code dist/} files of the npm package
 * {@code socket.io-client}, brought in and precompressed at build time by {@code src/build/client-dist.js} (run by
 * exec-maven-plugin in sio4j-server's build), answered by a binding-independent
 * {@link dev.sio4j.engine.HttpHandler} with the reference's headers ({@code packages/socket.io/lib/index.ts},
 * {@code serve}).
 */
package dev.sio4j.server.internal.clientfiles;
