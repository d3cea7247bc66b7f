package dev.sio4j.engine.internal;

import dev.sio4j.engine.HttpExchange;
import dev.sio4j.protocol.engineio.EngineIoCodec;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.protocol.engineio.EngineIoPacketType;
import dev.sio4j.protocol.engineio.EngineIoV3Codec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * HTTP long-polling (spec "Transports / HTTP long-polling"): a GET is held until there is something to send and is
 * answered with every queued packet that fits maxPayload, joined by {@code \x1e}; a POST carries packets from the
 * client and is answered {@code ok}. All methods run in the session's serial executor.
 *
 * <p>An Engine.IO v3 session frames its payloads as v3 does (engine.io-protocol v3, "Payload"): each packet preceded
 * by its length, and a binary payload ({@code application/octet-stream}) both ways when the client takes binary.
 */
final class PollingTransport extends Transport {
  private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);

  private final EngineSession session;
  private final ResponseWriter responses;
  // Engine.IO v3: whether the client takes binary payloads (it sent no b64 with its handshake)
  private final boolean supportsBinary;
  private HttpExchange pendingGet;
  private boolean closed;

  PollingTransport(EngineSession session, ResponseWriter responses, boolean supportsBinary) {
    this.session = session;
    this.responses = responses;
    this.supportsBinary = supportsBinary;
  }

  @Override
  String name() {
    return "polling";
  }

  @Override
  boolean canSend() {
    return pendingGet != null;
  }

  @Override
  boolean writable(boolean bufferEmpty) {
    return bufferEmpty;
  }

  @Override
  void begin(HttpExchange handshakeGet, Runnable flush) {
    // the handshake's OPEN answers the GET that asked for it
    onGet(handshakeGet);
  }

  @Override
  boolean closesInPayload() {
    return true;
  }

  @Override
  boolean upgradable() {
    return true;
  }

  @Override
  boolean expectsLateRequest() {
    // the client always keeps a GET in flight while polling; none held means it is still on its way
    return !canSend();
  }

  @Override
  boolean servesHttp() {
    return true;
  }

  @Override
  void onHttpRequest(HttpExchange exchange) {
    String method = exchange.method();
    if ("GET".equals(method)) {
      onGet(exchange);
    } else if ("POST".equals(method)) {
      onPost(exchange);
    } else {
      // Reference polling.ts onRequest: other methods get a bare 500.
      responses.raw(exchange, 500, Map.of(), new byte[0]);
    }
  }

  // Errors below are answered as the reference's res.writeHead(status).end(): no body, no Content-Type.

  /** A GET arrived for this session. */
  void onGet(HttpExchange exchange) {
    if (closed) {
      session.answerClosed(exchange);
      return;
    }
    if (pendingGet != null) {
      // Reference polling.ts onPollRequest: a second GET while one is held is a client bug ("overlap"): refuse it and
      // fail the session, which answers the held GET with CLOSE.
      responses.raw(exchange, 400, Map.of(), new byte[0]);
      session.onTransportError(this, "overlap from client");
      return;
    }
    pendingGet = exchange;
    exchange.onAbort(() -> session.executor().execute(() -> {
      if (pendingGet == exchange) {
        pendingGet = null;
        session.onTransportError(this, "poll connection closed prematurely");
      }
    }));
    session.onPollReady(this);
  }

  /** A POST arrived for this session: decode it whole, then hand its packets over in order. */
  void onPost(HttpExchange exchange) {
    if (closed) {
      session.answerClosed(exchange);
      return;
    }
    if (exchange.bodyTooLarge()) {
      // Reference: 413 for a body over maxHttpBufferSize; the session cannot go on without the lost packets.
      responses.raw(exchange, 413, Map.of(), new byte[0]);
      session.onTransportError(this, "payload too large");
      return;
    }
    boolean binaryBody = "application/octet-stream".equalsIgnoreCase(exchange.header("content-type"));
    boolean v3 = session.protocol() == 3;
    if (binaryBody && !v3) {
      // Reference polling.ts: binary bodies are EIO3-only; in v4 binary travels base64-encoded.
      responses.raw(exchange, 400, Map.of(), new byte[0]);
      session.onTransportError(this, "invalid content");
      return;
    }
    List<EngineIoPacket> packets;
    try {
      packets = !v3 ? EngineIoCodec.decodePayload(exchange.body())
          : binaryBody ? EngineIoV3Codec.decodeBinaryPayload(exchange.body())
          : EngineIoV3Codec.decodeTextPayload(new String(exchange.body(), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      responses.error(exchange, EngineError.BAD_REQUEST, null);
      session.onParseError(this, e.getMessage());
      return;
    }
    for (EngineIoPacket packet : packets) {
      if (packet.type() == EngineIoPacketType.CLOSE) {
        // Reference polling.ts onData: the client's CLOSE ends the session; the held GET gets a NOOP.
        session.onClientClose(this);
        break;
      }
      session.onPacket(this, packet);
    }
    responses.respond(exchange, 200, "text/html", OK, false, session.request());
  }

  /** Answers the held GET with the packets that fit; {@code taken} learns how many, before the answer leaves. */
  @Override
  int send(List<EngineIoPacket> packets, boolean compress, IntConsumer taken) {
    HttpExchange exchange = pendingGet;
    pendingGet = null;
    int limit = session.options().maxPayload();
    boolean v3 = session.protocol() == 3;
    int size = 0;
    int count = 0;
    for (EngineIoPacket packet : packets) {
      int length = v3 ? EngineIoV3Codec.encodedPayloadLength(packet)
          : EngineIoCodec.encodedTextLength(packet) + (count > 0 ? 1 : 0);
      if (count > 0 && size + length > limit) {
        break;
      }
      size += length;
      count++;
    }
    List<EngineIoPacket> batch = count == packets.size() ? packets : new ArrayList<>(packets.subList(0, count));
    taken.accept(count);
    answer(exchange, batch, compress);
    return count;
  }

  /** Answers a GET with {@code packets} as one payload of the session's protocol revision. */
  private void answer(HttpExchange exchange, List<EngineIoPacket> packets, boolean compress) {
    if (session.protocol() != 3) {
      responses.respond(exchange, 200, "text/plain; charset=UTF-8", EngineIoCodec.encodePayloadUtf8(packets), compress,
          session.request());
    } else if (supportsBinary && EngineIoV3Codec.hasBinary(packets)) {
      // Reference parser-v3 encodePayload: binary goes as a binary payload to a client that takes it
      responses.respond(exchange, 200, "application/octet-stream", EngineIoV3Codec.encodeBinaryPayload(packets),
          compress, session.request());
    } else {
      responses.respond(exchange, 200, "text/plain; charset=UTF-8",
          EngineIoV3Codec.encodeTextPayload(packets).getBytes(StandardCharsets.UTF_8), compress, session.request());
    }
  }

  /**
   * The session moved to WebSocket. A compliant client sends UPGRADE only once its last GET was answered (it pauses
   * polling first), so a GET still held here was sent after UPGRADE and overtook it on another connection: it is
   * refused, as the reference refuses a GET it reads after UPGRADE.
   */
  @Override
  void closeForUpgrade() {
    HttpExchange exchange = pendingGet;
    closed = true;
    if (exchange != null) {
      pendingGet = null;
      responses.error(exchange, EngineError.BAD_REQUEST, null);
    }
  }

  @Override
  void close(EngineIoPacket last) {
    closed = true;
    HttpExchange exchange = pendingGet;
    pendingGet = null;
    if (exchange != null) {
      if (last != null) {
        answer(exchange, List.of(last), false);
      } else {
        responses.respond(exchange, 200, "text/plain; charset=UTF-8", new byte[0], false, session.request());
      }
    }
  }
}
