package dev.sio4j.engine.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/** Compresses long-polling responses as the reference does: gzip or deflate, as the client's Accept-Encoding allows. */
final class HttpCompression {
  private HttpCompression() {}

  /** The encoding to use for a request with this {@code Accept-Encoding}, {@code gzip} first; or {@code null}. */
  static String negotiate(String acceptEncoding) {
    if (acceptEncoding == null) {
      return null;
    }
    String best = null;
    for (String part : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
      String[] pieces = part.trim().split(";");
      String name = pieces[0].trim();
      if (pieces.length > 1 && pieces[1].trim().replace(" ", "").matches("q=0(\\.0*)?")) {
        continue;
      }
      if (name.equals("gzip")) {
        return "gzip";
      }
      if (name.equals("deflate")) {
        best = "deflate";
      }
    }
    return best;
  }

  /** {@code data} compressed with {@code encoding} ({@code gzip} or {@code deflate}). */
  static byte[] compress(byte[] data, String encoding) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 3));
    try (DeflaterOutputStream z = encoding.equals("gzip") ? new GZIPOutputStream(out) : new DeflaterOutputStream(out)) {
      z.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
