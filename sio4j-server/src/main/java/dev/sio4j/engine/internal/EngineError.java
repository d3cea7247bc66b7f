package dev.sio4j.engine.internal;

/**
 * The Engine.IO error codes of the reference server ({@code Server.errors}), with their messages and HTTP statuses:
 * a refused request gets this status and the JSON body {@code {"code":<code>,"message":<message>}}.
 */
enum EngineError {
  UNKNOWN_TRANSPORT(0, "Transport unknown", 400),
  UNKNOWN_SID(1, "Session ID unknown", 400),
  BAD_HANDSHAKE_METHOD(2, "Bad handshake method", 400),
  BAD_REQUEST(3, "Bad request", 400),
  FORBIDDEN(4, "Forbidden", 403),
  UNSUPPORTED_PROTOCOL_VERSION(5, "Unsupported protocol version", 400);

  final int code;
  final String message;
  final int status;

  EngineError(int code, String message, int status) {
    this.code = code;
    this.message = message;
    this.status = status;
  }

  /** The JSON body for this error with {@code message} (or the default message when null). */
  String json(String customMessage) {
    return "{\"code\":" + code + ",\"message\":" + Json.quote(customMessage != null ? customMessage : message) + "}";
  }
}
