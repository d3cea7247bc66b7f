/**
 * Micrometer meters of a {@link dev.sio4j.server.SocketIoServer}, without Spring: {@link
 * dev.sio4j.micrometer.SocketIoMetrics#bind}.
 */
package dev.sio4j.micrometer;
