package dev.sio4j.server.internal.clientfiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * One file of the browser client in each of its precompressed forms, read once from the class path. Immutable.
 *
 * @param name the file name, e.g. {@code socket.io.min.js}
 * @param contentType the media type the reference sends for it
 * @param bodies the bytes per content coding (never modified after loading)
 */
record ClientFile(String name, String contentType, Map<ContentCoding, byte[]> bodies) {

  /** Reads {@code name} and its {@code .br}, {@code .gz} and {@code .deflate} siblings under {@code folder}. */
  static ClientFile load(ClassLoader loader, String folder, String name) {
    Map<ContentCoding, byte[]> bodies = new EnumMap<>(ContentCoding.class);
    for (ContentCoding coding : ContentCoding.values()) {
      bodies.put(coding, read(loader, folder + name + coding.suffix()));
    }
    // packages/socket.io/lib/index.ts, serve(): maps are JSON, the bundles JavaScript, both UTF-8.
    String type = name.endsWith(".map") ? "application/json" : "application/javascript";
    return new ClientFile(name, type + "; charset=utf-8", bodies);
  }

  byte[] body(ContentCoding coding) {
    return bodies.get(coding);
  }

  static byte[] read(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing class-path resource " + resource
            + " (built by sio4j-server's socket.io-client-dist step)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + resource, e);
    }
  }
}
