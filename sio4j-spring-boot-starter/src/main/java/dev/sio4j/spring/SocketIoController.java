package dev.sio4j.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Marks a Spring bean whose {@link OnConnect}, {@link OnEvent} and {@link OnDisconnect} methods handle the sockets of
 * one namespace. A {@link Component} stereotype: component scanning picks it up.
 *
 * <pre>{@code
 * @SocketIoController(namespace = "/chat")
 * class ChatHandlers {
 *   @OnEvent("message")
 *   Receipt message(Socket socket, ChatMessage message) {      // payload bound to the parameter's type
 *     socket.broadcast().emit("message", message);
 *     return new Receipt(message.id());                        // sent as the acknowledgement
 *   }
 * }
 * }</pre>
 *
 * <p>The bean is a singleton shared by every socket: its methods run on each socket's handler thread (one at a time
 * per socket, concurrently across sockets), so its state must be thread-safe.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface SocketIoController {
  /** The namespace, e.g. {@code /chat}; default the main namespace {@code /}. */
  String namespace() default "/";

  /** The bean name, as {@link Component#value()}. */
  @AliasFor(annotation = Component.class)
  String value() default "";
}
