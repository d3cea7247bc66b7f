package dev.sio4j.client;

/** The modifiers of one emit; {@code timeoutMs < 0} means "the socket's default". */
record EmitFlags(long timeoutMs, boolean volatileFlag, boolean fromQueue) {
  static final EmitFlags NONE = new EmitFlags(-1, false, false);
}
