package dev.sio4j.client.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Socket.IO v5 packet as the client handles it: binary attachments are already in place as {@code BinaryNode}s
 * inside {@code data}. TEMPORARY until the shared codec of sio4j-protocol lands.
 */
public record SioPacket(Type type, String nsp, Integer id, JsonNode data) {
  /** The packet types of socket.io-protocol v5. */
  public enum Type { CONNECT, DISCONNECT, EVENT, ACK, CONNECT_ERROR, BINARY_EVENT, BINARY_ACK }
}
