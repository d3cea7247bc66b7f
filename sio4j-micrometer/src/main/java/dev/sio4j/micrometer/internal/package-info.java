/** The meters' bookkeeping: one {@link dev.sio4j.micrometer.internal.SessionMeters} per Engine.IO session. */
package dev.sio4j.micrometer.internal;
