/**
 * netty-socketio's demo chat ported to sio4j, and the other snippets of {@code docs/migrating-from-netty-socketio.md}.
 *
 * <p>{@link dev.sio4j.examples.nettysocketio.ChatLauncher} is the chat: one {@code chatevent} listener per socket,
 * registered when the socket connects, whose {@link dev.sio4j.examples.nettysocketio.ChatObject} payload Jackson binds
 * and {@code io.emit} sends to everyone. {@link dev.sio4j.examples.nettysocketio.MigrationSnippets} holds the guide's
 * other snippets (options, TLS, listeners, acknowledgements, rooms, namespaces, the Redis adapter) so that they
 * compile with every change. The guide quotes both files through {@code tag::name[]} / {@code end::name[]} regions,
 * and {@code MigrationGuideTest} fails when a quoted block and its region differ; {@code MigrationSnippetsTest} runs
 * the options, listeners and namespace snippets against the official Node client.
 */
package dev.sio4j.examples.nettysocketio;
