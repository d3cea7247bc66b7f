package dev.sio4j.server.internal.clientfiles;

import java.util.Locale;

/**
 * The content codings the client files are precompressed in, and the choice among them for one request's
 * {@code Accept-Encoding} (RFC 9110 §12.5.3).
 *
 * <p>The reference asks its negotiator for {@code ["br", "gzip", "deflate"]}: the highest {@code q} wins, and among
 * equal weights the earlier one in that list; a coding with {@code q=0} is refused; {@code *} stands for any coding
 * not named. When none is acceptable the file goes out as is (identity).
 */
enum ContentCoding {
  BR("br", ".br"),
  GZIP("gzip", ".gz"),
  DEFLATE("deflate", ".deflate"),
  IDENTITY(null, "");

  private static final ContentCoding[] PREFERENCE = {BR, GZIP, DEFLATE};

  private final String token;
  private final String suffix;

  ContentCoding(String token, String suffix) {
    this.token = token;
    this.suffix = suffix;
  }

  /** The {@code Content-Encoding} value, or {@code null} for identity. */
  String token() {
    return token;
  }

  /** The suffix of the precompressed resource. */
  String suffix() {
    return suffix;
  }

  /** The best coding {@code acceptEncoding} allows, {@link #IDENTITY} when the header is absent or allows none. */
  static ContentCoding negotiate(String acceptEncoding) {
    if (acceptEncoding == null || acceptEncoding.isBlank()) {
      return IDENTITY;
    }
    double[] weights = {-1, -1, -1}; // -1: not named
    double wildcard = -1;
    for (String element : acceptEncoding.split(",")) {
      String[] parts = element.split(";");
      String name = parts[0].trim().toLowerCase(Locale.ROOT);
      double q = 1.0;
      for (int i = 1; i < parts.length; i++) {
        String param = parts[i].trim();
        if (param.length() > 2 && (param.charAt(0) == 'q' || param.charAt(0) == 'Q') && param.charAt(1) == '=') {
          q = parseWeight(param.substring(2).trim());
        }
      }
      if (name.equals("*")) {
        wildcard = Math.max(wildcard, q);
      } else {
        for (int i = 0; i < PREFERENCE.length; i++) {
          if (PREFERENCE[i].token.equals(name)) {
            weights[i] = Math.max(weights[i], q);
          }
        }
      }
    }
    ContentCoding best = IDENTITY;
    double bestWeight = 0;
    for (int i = 0; i < PREFERENCE.length; i++) {
      double w = weights[i] >= 0 ? weights[i] : wildcard;
      if (w > bestWeight) {
        best = PREFERENCE[i];
        bestWeight = w;
      }
    }
    return best;
  }

  /** A malformed weight counts as 0 (refused) rather than guessing. */
  private static double parseWeight(String value) {
    try {
      double q = Double.parseDouble(value);
      return q >= 0 && q <= 1 ? q : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
