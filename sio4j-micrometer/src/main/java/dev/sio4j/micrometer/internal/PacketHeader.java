package dev.sio4j.micrometer.internal;

/**
 * The head of a Socket.IO packet in its text encoding (socket.io-protocol v5, "Packet encoding"): type, namespace and
 * ack id, read without decoding the data. Pure; for the meters, which look at packets the engine already holds.
 *
 * @param type the packet type digit, 0 to 6
 * @param namespace the namespace ({@code /} when absent)
 * @param ackId the ack id, or -1 when absent
 */
public record PacketHeader(int type, String namespace, long ackId) {
  /** CONNECT_ERROR. */
  public static final int CONNECT_ERROR = 4;
  /** EVENT. */
  public static final int EVENT = 2;
  /** ACK. */
  public static final int ACK = 3;
  /** BINARY_EVENT. */
  public static final int BINARY_EVENT = 5;
  /** BINARY_ACK. */
  public static final int BINARY_ACK = 6;

  /**
   * Reads {@code <type>[<attachments>-][<namespace>,][<ack id>]...}; {@code null} when {@code text} is not a Socket.IO
   * packet (a malformed one is the server's to refuse, not the meters').
   */
  public static PacketHeader parse(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    int type = text.charAt(0) - '0';
    if (type < 0 || type > 6) {
      return null;
    }
    int i = 1;
    int n = text.length();
    if (type == BINARY_EVENT || type == BINARY_ACK) {
      while (i < n && Character.isDigit(text.charAt(i))) {
        i++;
      }
      if (i >= n || text.charAt(i) != '-') {
        return null;
      }
      i++;
    }
    String namespace = "/";
    if (i < n && text.charAt(i) == '/') {
      int comma = text.indexOf(',', i);
      if (comma < 0) {
        return new PacketHeader(type, text.substring(i), -1);
      }
      namespace = text.substring(i, comma);
      i = comma + 1;
    }
    long ackId = -1;
    int start = i;
    // an ack id has at most 18 digits here (a long); longer runs are left unread
    while (i < n && i - start < 18 && Character.isDigit(text.charAt(i))) {
      i++;
    }
    if (i > start) {
      ackId = Long.parseLong(text, start, i, 10);
    }
    return new PacketHeader(type, namespace, ackId);
  }
}
