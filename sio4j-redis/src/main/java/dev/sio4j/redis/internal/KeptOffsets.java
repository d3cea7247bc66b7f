package dev.sio4j.redis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import dev.sio4j.server.adapter.ClusterMessage.Broadcast;

/**
 * The classic adapter's frame has no field for a kept broadcast's offset (its entry id in the recovery stream), so
 * with shared recovery the offset travels as the event's last argument, as it reaches the clients anyway: added by
 * the publisher, taken off by each receiver before the broadcast goes to its sockets with the offset beside it.
 */
final class KeptOffsets {
  private KeptOffsets() {}

  /** {@code b} with {@code offset} appended to its arguments. */
  static Broadcast withOffset(Broadcast b, String offset) {
    ArrayNode data = ((ArrayNode) b.packet().data()).deepCopy();
    data.add(offset);
    return new Broadcast(new SocketIoPacket(b.packet().type(), b.packet().namespace(), b.packet().ackId(), data),
        b.options(), null);
  }

  /** The offset {@code b} carries last, or {@code null} when its last argument is no offset. */
  static String offset(Broadcast b) {
    if (!(b.packet().data() instanceof ArrayNode data) || data.isEmpty()) {
      return null;
    }
    JsonNode last = data.get(data.size() - 1);
    return last.isTextual() && RedisRecoveryStore.isOffset(last.asText()) ? last.asText() : null;
  }

  /** {@code b} without its last argument (the offset). */
  static Broadcast withoutOffset(Broadcast b) {
    ArrayNode args = ((ArrayNode) b.packet().data()).deepCopy();
    args.remove(args.size() - 1);
    return new Broadcast(new SocketIoPacket(b.packet().type(), b.packet().namespace(), b.packet().ackId(), args),
        b.options(), null);
  }
}
