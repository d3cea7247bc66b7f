/** The Postgres adapter and its connections: no public API. */
package dev.sio4j.postgres.internal;
