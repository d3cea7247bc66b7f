package dev.sio4j.spring.internal;

import dev.sio4j.server.Event;
import dev.sio4j.server.Middleware;
import dev.sio4j.server.Namespace;
import dev.sio4j.server.Next;
import dev.sio4j.server.Socket;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.spring.Ack;
import dev.sio4j.spring.OnConnect;
import dev.sio4j.spring.OnDisconnect;
import dev.sio4j.spring.OnEvent;
import dev.sio4j.spring.SocketIoController;
import dev.sio4j.spring.SocketIoPrincipals;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;

/**
 * Installs what the application context declares on the {@link SocketIoServer}: the {@link Middleware} beans on the
 * main namespace, in their {@code @Order}, and the {@link SocketIoController} beans' annotated methods on their
 * namespaces. Called once, when every singleton exists and before the web server accepts connections.
 *
 * <p>Each controller contributes one connection listener to its namespace, which registers the socket's event and
 * disconnect listeners and then calls the {@link OnConnect} methods: everything runs on the socket's handler thread.
 * Thread-safe once installed (it holds no per-socket state).
 */
public final class ControllerRegistrar {
  private static final Logger log = LoggerFactory.getLogger(ControllerRegistrar.class);

  private final SocketIoServer io;
  private final SocketIoPrincipals principals;
  private final SocketIoObserver observer;
  private final Set<String> namespaces = new LinkedHashSet<>();

  /** A registrar for {@code io}, resolving principals with {@code principals} and reporting to {@code observer}. */
  public ControllerRegistrar(SocketIoServer io, SocketIoPrincipals principals, SocketIoObserver observer) {
    this.io = io;
    this.principals = principals;
    this.observer = observer;
    namespaces.add("/");
  }

  /** The namespaces that have controllers, and {@code /}: those the metrics and health report. */
  public synchronized Set<String> namespaces() {
    return Set.copyOf(namespaces);
  }

  /** Adds {@code middleware} to the main namespace; a refusal (failure or exception) is counted. */
  public void installMiddleware(Middleware middleware) {
    io.use((socket, next) -> {
      Next counting = new Next() {
        @Override
        public void proceed() {
          next.proceed();
        }

        @Override
        public void fail(Exception error) {
          observer.connectionRefused("/");
          next.fail(error);
        }
      };
      try {
        middleware.handle(socket, counting);
      } catch (Exception e) {
        observer.connectionRefused("/");
        throw e;
      }
    });
  }

  /**
   * Installs the annotated methods of controller {@code bean}.
   *
   * @throws IllegalStateException when a method has a parameter that cannot be resolved, or an event is handled twice
   */
  public void installController(Object bean) {
    Class<?> type = AopUtils.getTargetClass(bean);
    SocketIoController controller = AnnotationUtils.findAnnotation(type, SocketIoController.class);
    String name = controller == null ? "/" : controller.namespace();
    List<HandlerMethod> connects = new ArrayList<>();
    List<HandlerMethod> disconnects = new ArrayList<>();
    Map<String, HandlerMethod> events = new LinkedHashMap<>();
    Map<Method, OnEvent> eventMethods = MethodIntrospector.selectMethods(type,
        (MethodIntrospector.MetadataLookup<OnEvent>) m -> AnnotatedElementUtils.findMergedAnnotation(m, OnEvent.class));
    eventMethods.forEach((method, onEvent) -> {
      HandlerMethod handler = HandlerMethod.of(bean, AopUtils.selectInvocableMethod(method, bean.getClass()), true);
      if (events.putIfAbsent(onEvent.value(), handler) != null) {
        throw new IllegalStateException("event '" + onEvent.value() + "' is handled twice in " + type.getName());
      }
    });
    for (Method method : MethodIntrospector.selectMethods(type,
        (MethodIntrospector.MetadataLookup<OnConnect>) m -> m.getAnnotation(OnConnect.class)).keySet()) {
      connects.add(HandlerMethod.of(bean, AopUtils.selectInvocableMethod(method, bean.getClass()), false));
    }
    for (Method method : MethodIntrospector.selectMethods(type,
        (MethodIntrospector.MetadataLookup<OnDisconnect>) m -> m.getAnnotation(OnDisconnect.class)).keySet()) {
      disconnects.add(HandlerMethod.of(bean, AopUtils.selectInvocableMethod(method, bean.getClass()), false));
    }
    Namespace namespace = io.of(name);
    synchronized (this) {
      namespaces.add(namespace.name());
    }
    namespace.onConnection(socket -> {
      events.forEach((event, handler) ->
          socket.on(event, e -> dispatch(namespace.name(), handler, socket, e)));
      if (!disconnects.isEmpty()) {
        socket.onDisconnect((s, reason) -> {
          for (HandlerMethod handler : disconnects) {
            call(handler, new HandlerMethod.Call(s, null, null, reason, principals));
          }
        });
      }
      for (HandlerMethod handler : connects) {
        call(handler, new HandlerMethod.Call(socket, null, null, null, principals));
      }
    });
    log.debug("Socket.IO controller {} on namespace {}: events {}", type.getName(), namespace.name(), events.keySet());
  }

  private void call(HandlerMethod handler, HandlerMethod.Call call) {
    try {
      handler.invoke(call);
    } catch (Exception e) {
      log.error("{} failed for socket {}", handler, call.socket().id(), e);
    }
  }

  private void dispatch(String namespace, HandlerMethod handler, Socket socket, Event event) {
    long start = System.nanoTime();
    EventAck ack = new EventAck(event, namespace, start);
    boolean failed = false;
    try {
      Object result = handler.invoke(new HandlerMethod.Call(socket, event, ack, null, principals));
      if (result instanceof CompletionStage<?> stage) {
        stage.whenComplete((value, error) -> {
          if (error != null) {
            log.error("{} completed exceptionally for socket {}", handler, socket.id(), error);
          } else if (value != null) {
            ack.sendResult(value);
          }
        });
      } else if (result != null) {
        ack.sendResult(result);
      }
    } catch (HandlerMethod.ArgumentMismatchException e) {
      failed = true;
      log.warn("event '{}' of socket {} not handled by {}: {}", event.name(), socket.id(), handler, e.getMessage());
    } catch (Exception e) {
      failed = true;
      log.error("{} failed for socket {}", handler, socket.id(), e);
    } finally {
      observer.handled(namespace, event.name(), System.nanoTime() - start, failed);
    }
  }

  /** The event's acknowledgement, timing the first one sent. */
  private final class EventAck implements Ack {
    private final Event event;
    private final String namespace;
    private final long startNanos;
    private final AtomicBoolean sent = new AtomicBoolean();

    EventAck(Event event, String namespace, long startNanos) {
      this.event = event;
      this.namespace = namespace;
      this.startNanos = startNanos;
    }

    @Override
    public boolean requested() {
      return event.hasAck();
    }

    @Override
    public void send(Object... args) {
      if (event.hasAck() && sent.compareAndSet(false, true)) {
        event.ack(args);
        observer.acknowledged(namespace, event.name(), System.nanoTime() - startNanos);
      }
    }

    void sendResult(Object value) {
      if (value instanceof Object[] values) {
        send(values);
      } else {
        send(value);
      }
    }
  }
}
