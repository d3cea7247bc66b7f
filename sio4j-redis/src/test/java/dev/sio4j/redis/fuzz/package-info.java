/**
 * Coverage-guided fuzz targets (Jazzer) for the bytes this module reads from Redis: the messages of other servers,
 * which a peer of the cluster, or anyone who can publish on its channels, may send in any shape. One target per class,
 * as in the other modules; inputs kept under {@code src/test/resources/<package>/<Class>Inputs/}.
 */
package dev.sio4j.redis.fuzz;
