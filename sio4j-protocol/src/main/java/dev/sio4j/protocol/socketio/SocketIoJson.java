package dev.sio4j.protocol.socketio;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The Jackson configuration the codec expects: strict JSON as {@code JSON.parse} accepts it (no comments, no NaN, no
 * trailing tokens), compact output in which integers stay integers. Each call builds a new mapper, so that no state is
 * shared between servers; a mapper is thread-safe once built.
 */
public final class SocketIoJson {
  private SocketIoJson() {}

  /** A new mapper configured for the Socket.IO codec. */
  public static ObjectMapper newMapper() {
    return JsonMapper.builder()
        .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        // JSON.parse keeps the last of duplicate keys; so does Jackson by default: keep it.
        .disable(SerializationFeature.INDENT_OUTPUT)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
  }
}
