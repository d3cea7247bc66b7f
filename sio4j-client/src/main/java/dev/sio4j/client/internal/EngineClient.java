package dev.sio4j.client.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio4j.client.TransportType;
import dev.sio4j.protocol.engineio.EngineIoCodec;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.protocol.engineio.EngineIoPacketType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of one Engine.IO v4 session: opens the first transport, takes the handshake, upgrades from polling
 * to WebSocket, batches writes (within the server's {@code maxPayload} on polling), answers pings and watches the
 * heartbeat. Confined to the manager's event loop: every method must be called there, every listener call happens
 * there.
 */
public final class EngineClient implements Transport.Sink {
  private static final Logger log = LoggerFactory.getLogger(EngineClient.class);

  /** What the session reports to its owner (the manager). */
  public interface Listener {
    void onOpen(EngineClient engine);

    void onMessage(EngineClient engine, EngineIoPacket packet);

    void onPing(EngineClient engine);

    /** The session could not be opened. */
    void onOpenError(EngineClient engine, Throwable cause);

    /** The open session ended; {@code reason} is the JS client's ("ping timeout", "transport close", ...). */
    void onClose(EngineClient engine, String reason, Throwable cause);
  }

  private enum State { OPENING, OPEN, CLOSING, CLOSED }

  private final Endpoint endpoint;
  private final ClientThreads loop;
  private final ObjectMapper mapper;
  private final Listener listener;
  private final List<TransportType> transports;
  private final boolean upgrade;
  // Small at first (ArrayDeque's default holds 16): an idle connection writes a pong now and then.
  private final ArrayDeque<EngineIoPacket> writeBuffer = new ArrayDeque<>(2);
  private volatile State state = State.OPENING;
  private volatile Transport transport;
  private int transportIndex;
  private Handshake handshake;
  private int prevBufferLen;
  private boolean upgrading;
  private Transport probe;
  private ScheduledFuture<?> pingTimer;
  private long pingDeadlineNanos;
  private boolean upgraded;

  public EngineClient(Endpoint endpoint, ClientThreads loop, ObjectMapper mapper, List<TransportType> transports,
      boolean upgrade, boolean websocketFirst, Listener listener) {
    this.endpoint = endpoint;
    this.loop = loop;
    this.mapper = mapper;
    this.listener = listener;
    List<TransportType> order = new ArrayList<>(transports);
    if (websocketFirst && order.remove(TransportType.WEBSOCKET)) {
      // rememberUpgrade: open over WebSocket directly, as the JS client does after a successful upgrade.
      order.add(0, TransportType.WEBSOCKET);
    }
    this.transports = order;
    this.upgrade = upgrade;
  }

  public void open() {
    transport = create(transports.get(transportIndex), null);
    transport.open();
  }

  private Transport create(TransportType type, String sid) {
    return type == TransportType.POLLING
        ? new PollingTransport(endpoint, loop, sid, this)
        : new WebSocketTransport(endpoint, loop, sid, this);
  }

  /** The name of the current transport: {@code polling} or {@code websocket}. */
  public String transportName() {
    return transport == null ? null : transport.name();
  }

  public boolean upgraded() {
    return upgraded;
  }

  public Handshake handshake() {
    return handshake;
  }

  public boolean isOpen() {
    return state == State.OPEN;
  }

  /**
   * Whether the heartbeat deadline has passed although its timer has not fired yet (the machine slept): the
   * connection is then treated as lost, as the JS client does before each emit, and closed with "ping timeout".
   */
  public boolean pingExpired() {
    if (state != State.OPEN || handshake == null) {
      return false;
    }
    if (System.nanoTime() - pingDeadlineNanos > 0) {
      loop.execute(() -> {
        if (state == State.OPEN && System.nanoTime() - pingDeadlineNanos > 0) {
          onClose("ping timeout", null);
        }
      });
      return true;
    }
    return false;
  }

  /** Whether a packet sent now goes out at once: open, not upgrading, transport idle. */
  public boolean writableNow() {
    Transport t = transport;
    return state == State.OPEN && !upgrading && t != null && t.writable();
  }

  /** Queues a packet; sent in order, batched with others queued before the transport is writable again. */
  public void send(EngineIoPacket packet) {
    if (state == State.OPENING || state == State.OPEN) {
      writeBuffer.add(packet);
      flush();
    }
  }

  private void flush() {
    if (state != State.CLOSED && transport != null && transport.writable() && !upgrading && !writeBuffer.isEmpty()) {
      List<EngineIoPacket> packets = writablePackets();
      // Set before sending: a transport may report the drain before send() returns.
      prevBufferLen = packets.size();
      transport.send(packets);
    }
  }

  /**
   * On polling, the packets that fit in the server's {@code maxPayload} (engine.io-protocol, "Handshake"); at least
   * one. Sizes count the UTF-8 bytes of each encoded packet (binary ones in base64) and the separators.
   */
  private List<EngineIoPacket> writablePackets() {
    long max = handshake == null ? 0 : handshake.maxPayload();
    List<EngineIoPacket> out = new ArrayList<>(writeBuffer.size());
    if (max <= 0 || !(transport instanceof PollingTransport) || writeBuffer.size() == 1) {
      out.addAll(writeBuffer);
      return out;
    }
    long size = 0;
    for (EngineIoPacket p : writeBuffer) {
      size += (out.isEmpty() ? 0 : 1) + EngineIoCodec.encodedTextLength(p);
      if (!out.isEmpty() && size > max) {
        return out;
      }
      out.add(p);
    }
    return out;
  }

  // ---- transport callbacks

  @Override
  public void onOpen(Transport t) {
    // The handshake packet follows; nothing to do until then.
  }

  @Override
  public void onPacket(Transport t, EngineIoPacket packet) {
    if (t != transport || state == State.CLOSED) {
      return;
    }
    switch (packet.type()) {
      case OPEN -> onHandshake(packet.text());
      case PING -> {
        // engine.io-protocol, "Heartbeat": answer every ping, and expect the next one within pingInterval +
        // pingTimeout.
        resetPingTimeout();
        send(EngineIoPacket.of(EngineIoPacketType.PONG, (String) null));
        listener.onPing(this);
      }
      case MESSAGE -> listener.onMessage(this, packet);
      case CLOSE -> onClose("transport close", null);
      default -> { }
    }
  }

  private void onHandshake(String json) {
    if (state != State.OPENING) {
      return;
    }
    try {
      handshake = Handshake.parse(mapper, json);
    } catch (IllegalArgumentException e) {
      transport.close();
      fail(e);
      return;
    }
    transport.sid(handshake.sid());
    state = State.OPEN;
    upgraded = transport instanceof WebSocketTransport;
    listener.onOpen(this);
    if (state != State.OPEN) {
      return;
    }
    flush();
    if (upgrade && transport instanceof PollingTransport && transports.contains(TransportType.WEBSOCKET)
        && handshake.upgrades().contains("websocket")) {
      probe();
    }
    resetPingTimeout();
  }

  private void resetPingTimeout() {
    if (pingTimer != null) {
      pingTimer.cancel(false);
    }
    long delay = handshake.pingInterval() + handshake.pingTimeout();
    pingDeadlineNanos = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(delay);
    pingTimer = loop.schedule(() -> {
      if (state == State.OPEN) {
        onClose("ping timeout", null);
      }
    }, delay);
  }

  /**
   * The upgrade (engine.io-protocol, "Upgrade"): open a WebSocket for the same session, send {@code 2probe}, await
   * {@code 3probe}, let polling finish its requests, send {@code 5} over the WebSocket and move the session there.
   */
  private void probe() {
    PollingTransport polling = (PollingTransport) transport;
    Transport.Sink probeSink = new Transport.Sink() {
      @Override
      public void onOpen(Transport t) {
        t.send(Collections.singletonList(EngineIoPacket.of(EngineIoPacketType.PING, "probe")));
      }

      @Override
      public void onPacket(Transport t, EngineIoPacket packet) {
        if (probe != t || state != State.OPEN) {
          return;
        }
        if (packet.type() == EngineIoPacketType.PONG && "probe".equals(packet.text())) {
          upgrading = true;
          polling.pause(() -> {
            if (probe != t || state != State.OPEN || transport != polling) {
              return;
            }
            probe = null;
            t.sink(EngineClient.this);
            polling.close();
            transport = t;
            upgraded = true;
            t.send(Collections.singletonList(EngineIoPacket.of(EngineIoPacketType.UPGRADE, (String) null)));
            upgrading = false;
            prevBufferLen = 0;
          });
        } else {
          abortProbe("probe error");
        }
      }

      @Override
      public void onDrain(Transport t) {
        if (t == transport) {
          EngineClient.this.onDrain(t);
        }
      }

      @Override
      public void onError(Transport t, String message, Throwable cause) {
        if (probe == t) {
          abortProbe(message);
        }
      }

      @Override
      public void onClose(Transport t, String reason) {
        if (probe == t) {
          abortProbe(reason);
        }
      }
    };
    probe = create(TransportType.WEBSOCKET, handshake.sid());
    probe.sink(probeSink);
    probe.open();
  }

  private void abortProbe(String why) {
    log.debug("upgrade to websocket failed: {}", why);
    Transport p = probe;
    probe = null;
    upgrading = false;
    if (p != null) {
      p.close();
    }
  }

  @Override
  public void onDrain(Transport t) {
    if (t != transport) {
      return;
    }
    for (int i = 0; i < prevBufferLen && !writeBuffer.isEmpty(); i++) {
      writeBuffer.poll();
    }
    prevBufferLen = 0;
    if (state == State.CLOSING && writeBuffer.isEmpty()) {
      finishClose();
    } else {
      flush();
    }
  }

  @Override
  public void onError(Transport t, String message, Throwable cause) {
    if (t != transport) {
      return;
    }
    if (state == State.OPENING) {
      if (transportIndex + 1 < transports.size() && tryAllTransports) {
        transportIndex++;
        open();
        return;
      }
      state = State.CLOSED;
      listener.onOpenError(this, new java.io.IOException(message, cause));
    } else {
      onClose("transport error", cause == null ? new java.io.IOException(message) : cause);
    }
  }

  private boolean tryAllTransports;

  /** Whether to try the next transport when the first cannot open (JS client's {@code tryAllTransports}). */
  public void tryAllTransports(boolean value) {
    this.tryAllTransports = value;
  }

  @Override
  public void onClose(Transport t, String reason) {
    if (t != transport) {
      return;
    }
    if (state == State.OPENING) {
      state = State.CLOSED;
      listener.onOpenError(this, new java.io.IOException(reason));
    } else {
      onClose(reason, null);
    }
  }

  private void fail(Throwable cause) {
    state = State.CLOSED;
    listener.onOpenError(this, cause);
  }

  private void onClose(String reason, Throwable cause) {
    if (state == State.CLOSED) {
      return;
    }
    boolean wasOpen = state == State.OPEN || state == State.CLOSING;
    state = State.CLOSED;
    cancelTimers();
    if (probe != null) {
      abortProbe(reason);
    }
    transport.close();
    writeBuffer.clear();
    if (wasOpen) {
      listener.onClose(this, reason, cause);
    } else {
      listener.onOpenError(this, cause != null ? cause : new java.io.IOException(reason));
    }
  }

  /**
   * Closes the session on the user's request: packets already queued are written first, then the transport tells
   * the server. The listener hears no close for it.
   */
  public void close() {
    if (probe != null) {
      abortProbe("forced close");
    }
    if (state == State.OPEN && !writeBuffer.isEmpty()) {
      state = State.CLOSING;
      flush();
      return;
    }
    finishClose();
  }

  private void finishClose() {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    cancelTimers();
    if (probe != null) {
      abortProbe("forced close");
    }
    if (transport != null) {
      transport.close();
    }
    writeBuffer.clear();
  }

  /** Completes when the transport has said goodbye to the server after {@link #close()}. */
  public CompletableFuture<Void> goodbye() {
    return transport == null ? CompletableFuture.completedFuture(null) : transport.goodbye();
  }

  /** Drops the connection at once, from any thread: after {@link #close()} and its bounded wait for the goodbye. */
  public void terminate() {
    Transport t = transport;
    if (t != null) {
      t.terminate();
    }
  }

  private void cancelTimers() {
    if (pingTimer != null) {
      pingTimer.cancel(false);
      pingTimer = null;
    }
  }
}
