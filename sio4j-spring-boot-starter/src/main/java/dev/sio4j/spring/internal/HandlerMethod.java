package dev.sio4j.spring.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sio4j.server.Arguments;
import dev.sio4j.server.DisconnectReason;
import dev.sio4j.server.Event;
import dev.sio4j.server.Handshake;
import dev.sio4j.server.Socket;
import dev.sio4j.spring.Ack;
import dev.sio4j.spring.SocketIoPrincipals;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One annotated method of a controller bean, with its parameters resolved once, at start-up, into a list of
 * {@link Resolver}s: each call only runs them. Immutable and thread-safe.
 */
final class HandlerMethod {
  /** Everything a parameter may be taken from: the socket, and for an event its event, ack and payload. */
  record Call(Socket socket, Event event, Ack ack, DisconnectReason reason, SocketIoPrincipals principals) {}

  /** An event argument that does not fit its parameter: the method is not called. */
  static final class ArgumentMismatchException extends RuntimeException {
    ArgumentMismatchException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Turns a call into one parameter's value. */
  @FunctionalInterface
  interface Resolver {
    Object resolve(Call call);
  }

  private final Object bean;
  private final Method method;
  private final List<Resolver> resolvers;

  private HandlerMethod(Object bean, Method method, List<Resolver> resolvers) {
    this.bean = bean;
    this.method = method;
    this.resolvers = resolvers;
  }

  /**
   * The method {@code method} of {@code bean}; {@code payloads} whether unrecognised parameters take event arguments
   * (only for {@code @OnEvent}).
   *
   * @throws IllegalStateException when a parameter cannot be resolved
   */
  static HandlerMethod of(Object bean, Method method, boolean payloads) {
    method.setAccessible(true);
    List<Resolver> resolvers = new ArrayList<>();
    int argument = 0;
    for (Parameter p : method.getParameters()) {
      Class<?> type = p.getType();
      if (type == Socket.class) {
        resolvers.add(Call::socket);
      } else if (type == Handshake.class) {
        resolvers.add(call -> call.socket().handshake());
      } else if (type == Principal.class) {
        resolvers.add(call -> call.principals().of(call.socket()));
      } else if (type == DisconnectReason.class && !payloads) {
        resolvers.add(Call::reason);
      } else if (type == Event.class && payloads) {
        resolvers.add(Call::event);
      } else if (type == Arguments.class && payloads) {
        resolvers.add(call -> call.event().arguments());
      } else if (type == Ack.class && payloads) {
        resolvers.add(Call::ack);
      } else if (payloads) {
        resolvers.add(payload(argument++, type, p.getParameterizedType()));
      } else {
        throw new IllegalStateException("cannot resolve parameter " + p + " of " + method
            + ": takes Socket, Handshake, Principal" + (payloads ? "" : " or DisconnectReason"));
      }
    }
    return new HandlerMethod(bean, method, List.copyOf(resolvers));
  }

  private static Resolver payload(int index, Class<?> type, Type generic) {
    if (type == JsonNode.class) {
      return call -> call.event().arg(index);
    }
    if (type == byte[].class) {
      return call -> call.event().bytes(index);
    }
    if (type == ByteBuffer.class || generic instanceof Class<?>) {
      Class<?> boxed = box(type);
      return call -> call.event().arguments().get(index, boxed);
    }
    // A generic type (List<Message>): Jackson reads the full type from the reference.
    TypeReference<Object> reference = new TypeReference<>() {
      @Override
      public Type getType() {
        return generic;
      }
    };
    return call -> call.event().arguments().get(index, reference);
  }

  private static Class<?> box(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    return java.lang.invoke.MethodType.methodType(type).wrap().returnType();
  }

  /** The method, for messages. */
  Method method() {
    return method;
  }

  /**
   * Calls the method for {@code call} and returns what it returned.
   *
   * @throws ArgumentMismatchException when an event argument does not fit its parameter
   * @throws Exception what the method threw
   */
  Object invoke(Call call) throws Exception {
    Object[] values = new Object[resolvers.size()];
    for (int i = 0; i < values.length; i++) {
      try {
        values[i] = resolvers.get(i).resolve(call);
      } catch (IllegalArgumentException e) {
        throw new ArgumentMismatchException(e.getMessage(), e);
      }
      if (values[i] == null && method.getParameterTypes()[i].isPrimitive()) {
        throw new ArgumentMismatchException("parameter " + i + " is a primitive and the argument is missing", null);
      }
    }
    try {
      return method.invoke(bean, values);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception exception) {
        throw exception;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  @Override
  public String toString() {
    return Objects.toString(method);
  }
}
