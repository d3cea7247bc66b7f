package dev.sio4j.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a method of a {@link SocketIoController}: handles the event {@link #value()} of each socket of the namespace.
 *
 * <p>Parameters, in any order, are resolved by type: {@link dev.sio4j.server.Socket}, {@link dev.sio4j.server.Event},
 * {@link dev.sio4j.server.Arguments} (all the arguments, raw), {@link Ack} (the acknowledgement, a no-op when the
 * client asked for none), {@link dev.sio4j.server.Handshake} and {@link java.security.Principal}. Every other
 * parameter takes the next event argument, in order: {@code byte[]} or {@link java.nio.ByteBuffer} a binary one,
 * {@code JsonNode} the raw JSON, any other type (generics included) bound by the server's Jackson mapper;
 * {@code null} when the client sent fewer arguments. An argument that does not fit its type is logged and the method
 * is not called.
 *
 * <p>The return value, when not {@code void} and not {@code null}, is the acknowledgement: sent as one argument (an
 * {@code Object[]} as several), and only if the client asked for one. A {@link java.util.concurrent.CompletionStage}
 * is awaited first (its failure is logged, and no acknowledgement is sent).
 *
 * <p>Runs on the socket's handler thread, one event at a time per socket, in arrival order; blocking in it stalls
 * only this socket.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnEvent {
  /** The event name. */
  String value();
}
