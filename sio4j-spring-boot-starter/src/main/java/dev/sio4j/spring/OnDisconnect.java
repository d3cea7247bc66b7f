package dev.sio4j.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a method of a {@link SocketIoController}: called once a socket left the controller's namespace. Parameters, in
 * any order: {@link dev.sio4j.server.Socket}, {@link dev.sio4j.server.DisconnectReason},
 * {@link dev.sio4j.server.Handshake}, {@link java.security.Principal}. Runs on the socket's handler thread, after its
 * last event handler.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnDisconnect {}
