package dev.sio4j.server.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One operation between the servers of a cluster, as {@link ClusterAdapter} sends and receives it: the typed messages
 * of the reference's {@code cluster-adapter.ts} ({@code MessageType}), without their encoding. A broker adapter turns
 * them into bytes its own way: {@link ClusterMessageCodec} writes the reference's cluster format
 * ({@code {uid, nsp, type, data}}), the classic Redis adapter maps them onto its older channels and request types.
 * The sending server's uid travels beside the message, not in it.
 *
 * <p>Requests that expect answers carry a {@code requestId}; the answers implement {@link Response}. A broker adapter
 * may add message types of its own (implement this interface) and handle them in
 * {@link ClusterAdapter#onOtherMessage}. All messages are immutable.
 */
public interface ClusterMessage {

  /** An answer to a request, matched to it by {@link #requestId()}. */
  interface Response extends ClusterMessage {
    /** The id of the request answered. */
    String requestId();
  }

  /** "I am here" ({@code INITIAL_HEARTBEAT} when {@code initial}: a node that starts asks the others to answer). */
  record Heartbeat(boolean initial) implements ClusterMessage {}

  /** The sending node leaves the cluster ({@code ADAPTER_CLOSE}): no request waits for it any more. */
  record AdapterClose() implements ClusterMessage {}

  /**
   * A broadcast ({@code BROADCAST}); with a {@code requestId} (else {@code null}), each receiver answers its client
   * count and its clients' acknowledgements.
   */
  record Broadcast(SocketIoPacket packet, BroadcastOptions options, String requestId) implements ClusterMessage {
    /** Checks the parts. */
    public Broadcast {
      Objects.requireNonNull(packet, "packet");
      Objects.requireNonNull(options, "options");
    }
  }

  /** The targeted sockets join {@code rooms} ({@code SOCKETS_JOIN}). */
  record SocketsJoin(BroadcastOptions options, Set<String> rooms) implements ClusterMessage {
    /** Copies the rooms. */
    public SocketsJoin {
      Objects.requireNonNull(options, "options");
      rooms = Set.copyOf(rooms);
    }
  }

  /** The targeted sockets leave {@code rooms} ({@code SOCKETS_LEAVE}). */
  record SocketsLeave(BroadcastOptions options, Set<String> rooms) implements ClusterMessage {
    /** Copies the rooms. */
    public SocketsLeave {
      Objects.requireNonNull(options, "options");
      rooms = Set.copyOf(rooms);
    }
  }

  /** The targeted sockets are disconnected ({@code DISCONNECT_SOCKETS}), their connection closed when {@code close}. */
  record DisconnectSockets(BroadcastOptions options, boolean close) implements ClusterMessage {
    /** Checks the parts. */
    public DisconnectSockets {
      Objects.requireNonNull(options, "options");
    }
  }

  /** Each receiver describes its targeted sockets ({@code FETCH_SOCKETS}). */
  record FetchSockets(BroadcastOptions options, String requestId) implements ClusterMessage {
    /** Checks the parts. */
    public FetchSockets {
      Objects.requireNonNull(options, "options");
      Objects.requireNonNull(requestId, "requestId");
    }
  }

  /**
   * One server's sockets ({@code FETCH_SOCKETS_RESPONSE}), each as the reference describes a socket:
   * {@code {id, handshake, rooms, data}}.
   */
  record FetchSocketsResponse(String requestId, List<JsonNode> sockets) implements Response {
    /** Copies the sockets. */
    public FetchSocketsResponse {
      Objects.requireNonNull(requestId, "requestId");
      sockets = List.copyOf(sockets);
    }
  }

  /**
   * {@code [event, args...]} for the other servers' listeners ({@code SERVER_SIDE_EMIT}); with a {@code requestId}
   * (else {@code null}) each answers once.
   */
  record ServerSideEmit(List<JsonNode> packet, String requestId) implements ClusterMessage {
    /** Copies the packet. */
    public ServerSideEmit {
      packet = List.copyOf(packet);
    }
  }

  /** One server's answer to a server-side emit ({@code SERVER_SIDE_EMIT_RESPONSE}); {@code packet} may be null. */
  record ServerSideEmitResponse(String requestId, JsonNode packet) implements Response {
    /** Checks the id. */
    public ServerSideEmitResponse {
      Objects.requireNonNull(requestId, "requestId");
    }
  }

  /** How many of its sockets a server asked to acknowledge a broadcast ({@code BROADCAST_CLIENT_COUNT}). */
  record BroadcastClientCount(String requestId, int clientCount) implements Response {
    /** Checks the id. */
    public BroadcastClientCount {
      Objects.requireNonNull(requestId, "requestId");
    }
  }

  /** One client's acknowledgement of a broadcast: its first argument, or null ({@code BROADCAST_ACK}). */
  record BroadcastAck(String requestId, JsonNode packet) implements Response {
    /** Checks the id. */
    public BroadcastAck {
      Objects.requireNonNull(requestId, "requestId");
    }
  }
}
