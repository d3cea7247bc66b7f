package dev.sio4j.bench.loadgen;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * The wire format the load generator speaks: Socket.IO v5 over Engine.IO v4, or the bare peer's minimal text
 * framing. Frames are written straight into buffers and classified by their first bytes, without parsing JSON:
 * the load generator must cost little per message.
 */
public enum Dialect {
  /** Engine.IO v4 + Socket.IO v5 text packets (engine.io-protocol, socket.io-protocol), main namespace. */
  SOCKET_IO {
    @Override
    public ByteBuf echo(ByteBufAllocator alloc, long id, String payload) {
      // 4 = Engine.IO MESSAGE, 2 = Socket.IO EVENT, then the ack id and the JSON array.
      return ascii(alloc, "42" + id + "[\"echo\",\"" + payload + "\"]");
    }

    @Override
    public ByteBuf join(ByteBufAllocator alloc, long id, String room) {
      return ascii(alloc, "42" + id + "[\"join\",\"" + room + "\"]");
    }

    @Override
    public ByteBuf broadcast(ByteBufAllocator alloc, String room, String payload) {
      return ascii(alloc, "42[\"broadcast\",\"" + room + "\",\"" + payload + "\"]");
    }

    @Override
    public Kind classify(ByteBuf frame) {
      int i = frame.readerIndex();
      int n = frame.readableBytes();
      if (n == 0) {
        return Kind.OTHER;
      }
      byte eio = frame.getByte(i);
      if (eio == '2') {
        return Kind.PING;
      }
      if (eio == '0') {
        return Kind.OPEN;
      }
      if (eio == '1') {
        return Kind.CLOSED;
      }
      if (eio != '4' || n < 2) {
        return Kind.OTHER;
      }
      switch (frame.getByte(i + 1)) {
        case '0': return Kind.CONNECTED;
        case '1': return Kind.CLOSED; // Socket.IO DISCONNECT
        case '2': return Kind.DELIVERY;
        case '3': return Kind.ACK;
        case '4': return Kind.CLOSED; // CONNECT_ERROR
        default: return Kind.OTHER;
      }
    }

    @Override
    public long ackId(ByteBuf frame) {
      return digits(frame, frame.readerIndex() + 2);
    }
  },

  /** The bare Netty peer's framing (see {@code BareNettyServer}). */
  BARE {
    @Override
    public ByteBuf echo(ByteBufAllocator alloc, long id, String payload) {
      return ascii(alloc, "e" + id + "|" + payload);
    }

    @Override
    public ByteBuf join(ByteBufAllocator alloc, long id, String room) {
      return ascii(alloc, "j" + id + "|" + room);
    }

    @Override
    public ByteBuf broadcast(ByteBufAllocator alloc, String room, String payload) {
      return ascii(alloc, "b" + room + "|" + payload);
    }

    @Override
    public Kind classify(ByteBuf frame) {
      if (!frame.isReadable()) {
        return Kind.OTHER;
      }
      switch (frame.getByte(frame.readerIndex())) {
        case 'o': return Kind.CONNECTED;
        case 'e': return Kind.ACK;
        case 'm': return Kind.DELIVERY;
        default: return Kind.OTHER;
      }
    }

    @Override
    public long ackId(ByteBuf frame) {
      return digits(frame, frame.readerIndex() + 1);
    }
  };

  /** What an incoming frame is. */
  public enum Kind { OPEN, CONNECTED, PING, ACK, DELIVERY, CLOSED, OTHER }

  /** An event {@code echo} with ack id {@code id} and one string argument. */
  public abstract ByteBuf echo(ByteBufAllocator alloc, long id, String payload);

  /** An event {@code join} of {@code room} with ack id {@code id}. */
  public abstract ByteBuf join(ByteBufAllocator alloc, long id, String room);

  /** An event {@code broadcast} asking the server to send {@code msg} to {@code room}. */
  public abstract ByteBuf broadcast(ByteBufAllocator alloc, String room, String payload);

  /** Classifies an incoming frame by its first bytes. */
  public abstract Kind classify(ByteBuf frame);

  /** The ack id of a frame classified {@link Kind#ACK}. */
  public abstract long ackId(ByteBuf frame);

  /**
   * The first number in a delivery's payload: the digits after the first comma (Socket.IO: {@code 42["msg","123..."]})
   * or after the first byte (bare: {@code m123...}); -1 when there are none. How the open-loop broadcasts carry their
   * sequence numbers.
   */
  public static long number(ByteBuf frame) {
    int from = frame.indexOf(frame.readerIndex(), frame.writerIndex(), (byte) ',');
    int i = from < 0 ? frame.readerIndex() + 1 : from + 1;
    while (i < frame.writerIndex() && (frame.getByte(i) < '0' || frame.getByte(i) > '9')) {
      i++;
    }
    return i < frame.writerIndex() ? digits(frame, i) : -1;
  }

  static ByteBuf ascii(ByteBufAllocator alloc, String s) {
    ByteBuf buf = alloc.buffer(s.length());
    buf.writeCharSequence(s, StandardCharsets.US_ASCII);
    return buf;
  }

  static long digits(ByteBuf frame, int from) {
    long v = 0;
    for (int i = from; i < frame.writerIndex(); i++) {
      byte b = frame.getByte(i);
      if (b < '0' || b > '9') {
        break;
      }
      v = v * 10 + (b - '0');
    }
    return v;
  }
}
