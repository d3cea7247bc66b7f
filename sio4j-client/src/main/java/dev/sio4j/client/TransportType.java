package dev.sio4j.client;

/** The Engine.IO transports the client speaks, with the name each carries in the {@code transport} query parameter. */
public enum TransportType {
  /** HTTP long-polling: a pending GET receives packets, POSTs send them. Works through every proxy. */
  POLLING("polling"),
  /** One WebSocket connection carrying one Engine.IO packet per frame. */
  WEBSOCKET("websocket");

  private final String wireName;

  TransportType(String wireName) {
    this.wireName = wireName;
  }

  /** The name on the wire: {@code polling} or {@code websocket}. */
  public String wireName() {
    return wireName;
  }
}
