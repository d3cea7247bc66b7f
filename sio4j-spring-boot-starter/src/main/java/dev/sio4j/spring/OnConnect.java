package dev.sio4j.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a method of a {@link SocketIoController}: called when a socket joined the controller's namespace (the
 * reference's {@code io.on("connection")}), after the middlewares let it in and after its {@link OnEvent} listeners
 * are registered. Parameters, in any order: {@link dev.sio4j.server.Socket}, {@link dev.sio4j.server.Handshake},
 * {@link java.security.Principal} (the authenticated user, or {@code null}; see {@link SocketIoPrincipals}).
 * Runs on the socket's handler thread; an exception is logged and the socket stays connected.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnConnect {}
