/**
 * Coverage-guided fuzz targets (Jazzer) for what a client's requests reach on a running server: the handshake query,
 * polling bodies into a live session, and the Socket.IO layer behind them. One target per class: Jazzer fuzzes one
 * target per JVM, and the build's {@code fuzz} run forks a JVM per class. {@code scripts/fuzz.sh} runs one for longer.
 */
package dev.sio4j.server.fuzz;
