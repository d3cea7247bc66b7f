/** The Admin UI's view of a socket. */
package dev.sio4j.admin.internal;
