package dev.sio4j.spring.internal;

import dev.sio4j.engine.EngineServer;
import dev.sio4j.engine.EngineSocket;
import dev.sio4j.server.Socket;
import dev.sio4j.spring.SocketIoPrincipals;
import java.security.Principal;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Keeps the principal of each handshake request until its Engine.IO session is gone.
 *
 * <p>The engine's {@code EngineRequest} (headers, query, address) has no place for a principal, so
 * {@link PrincipalHandshakeFilter} registers it here under a random token and hands the token to the engine as the
 * request header {@link #HEADER}; the socket's handshake carries it, and {@link #of} turns it back into the principal.
 * Entries whose session no longer exists are swept, at most once per {@link #SWEEP_MILLIS}, on a later registration:
 * no thread of its own. Thread-safe.
 */
public final class PrincipalRegistry implements SocketIoPrincipals {
  /** The request header carrying the token; a client's own value is always removed by the filter. */
  public static final String HEADER = "x-sio4j-principal";

  /** How often entries are swept, and how long a fresh one is kept while its handshake may still be running. */
  static final long SWEEP_MILLIS = 30_000;

  private record Entry(Principal principal, long createdMillis) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Supplier<EngineServer> engine;
  private final Clock clock;
  private final AtomicLong lastSweep;

  /** A registry sweeping against the sessions of {@code engine} (asked lazily: the server may come later). */
  public PrincipalRegistry(Supplier<EngineServer> engine, Clock clock) {
    this.engine = engine;
    this.clock = clock;
    this.lastSweep = new AtomicLong(clock.millis());
  }

  /** Registers {@code principal} for a handshake about to run and returns the token to send as {@link #HEADER}. */
  public String register(Principal principal) {
    long now = clock.millis();
    long last = lastSweep.get();
    if (now - last >= SWEEP_MILLIS && lastSweep.compareAndSet(last, now)) {
      sweep(now);
    }
    String token = UUID.randomUUID().toString();
    entries.put(token, new Entry(principal, now));
    return token;
  }

  @Override
  public Principal of(Socket socket) {
    String token = socket.handshake().header(HEADER);
    Entry entry = token == null ? null : entries.get(token);
    return entry == null ? null : entry.principal();
  }

  /** How many principals are kept (for tests and the health details). */
  public int size() {
    return entries.size();
  }

  private void sweep(long now) {
    Set<String> live = new HashSet<>();
    for (EngineSocket session : engine.get().sessions()) {
      String token = session.request().header(HEADER);
      if (token != null) {
        live.add(token);
      }
    }
    // A fresh entry may belong to a handshake still on its way to the engine: keep it one more period.
    entries.entrySet().removeIf(e -> !live.contains(e.getKey()) && now - e.getValue().createdMillis() >= SWEEP_MILLIS);
  }
}
