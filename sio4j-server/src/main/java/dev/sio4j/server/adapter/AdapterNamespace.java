package dev.sio4j.server.adapter;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio4j.protocol.socketio.SocketIoEncoder;
import dev.sio4j.server.Arguments;

/** The namespace, as its adapter sees it. Thread-safe. */
public interface AdapterNamespace {
  /** The namespace name. */
  String name();

  /** The connected socket {@code id} of this server, or {@code null}. */
  LocalSocket socket(String id);

  /** Encodes packets (one encoding per broadcast). */
  SocketIoEncoder encoder();

  /** The mapper of the server (binds {@link Arguments}). */
  ObjectMapper mapper();

  /** A fresh acknowledgement id for a broadcast with ack. */
  long nextAckId();

  /** Delivers an event another server sent with {@code serverSideEmit} to this namespace's listeners. */
  void receiveServerSideEmit(String event, Arguments args);
}
