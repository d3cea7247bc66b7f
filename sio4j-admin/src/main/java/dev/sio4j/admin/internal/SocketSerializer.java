package dev.sio4j.admin.internal;

import dev.sio4j.server.Handshake;
import dev.sio4j.server.RemoteSocket;
import dev.sio4j.server.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A socket as the Admin UI shows it (its {@code SerializedSocket}): id, a short client id, transport, namespace,
 * data, handshake (without auth) and rooms. Stateless.
 */
public final class SocketSerializer {
  private SocketSerializer() {}

  /** {@code socket} of namespace {@code nsp}, as a JSON-ready map. */
  public static Map<String, Object> serialize(RemoteSocket socket, String nsp) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", socket.id());
    if (socket instanceof Socket local) {
      String sid = local.conn().id();
      // the engine id lets a client's sessions be taken over: only a prefix is shown, as the reference does
      out.put("clientId", sid.substring(0, Math.min(12, sid.length())));
      out.put("transport", local.conn().transport());
    }
    out.put("nsp", nsp);
    Map<String, Object> data = new LinkedHashMap<>();
    socket.data().forEach((key, value) -> {
      if (!key.startsWith("sio4j.")) {
        data.put(key, value);
      }
    });
    out.put("data", data);
    Handshake h = socket.handshake();
    Map<String, Object> handshake = new LinkedHashMap<>();
    String address = first(h.headers(), "cf-connecting-ip");
    if (address == null) {
      address = first(h.headers(), "x-forwarded-for");
    }
    handshake.put("address", address != null ? address : h.address());
    handshake.put("headers", flatten(h.headers()));
    handshake.put("query", flatten(h.query()));
    handshake.put("issued", h.issued());
    handshake.put("secure", h.secure());
    handshake.put("time", h.time());
    handshake.put("url", h.url());
    handshake.put("xdomain", h.xdomain());
    out.put("handshake", handshake);
    out.put("rooms", new ArrayList<>(socket.rooms()));
    return out;
  }

  private static String first(Map<String, List<String>> map, String name) {
    List<String> values = map.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Node's shape: one string per name, repeated values joined with ", ". */
  private static Map<String, String> flatten(Map<String, List<String>> map) {
    Map<String, String> out = new LinkedHashMap<>();
    map.forEach((name, values) -> out.put(name, String.join(", ", values)));
    return out;
  }
}
