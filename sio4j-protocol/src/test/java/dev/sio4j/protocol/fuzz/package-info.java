/**
 * Coverage-guided fuzz targets (Jazzer) for every decoder of this module that reads bytes from the network. One
 * target per class: Jazzer fuzzes one target per JVM, and the build's {@code fuzz} run forks a JVM per class.
 *
 * <p>In a normal test run each target replays its inputs under {@code src/test/resources/<package>/<Class>Inputs/}
 * (the seeds, and every finding kept as a regression input). {@code scripts/fuzz.sh} fuzzes for as long as asked.
 */
package dev.sio4j.protocol.fuzz;
