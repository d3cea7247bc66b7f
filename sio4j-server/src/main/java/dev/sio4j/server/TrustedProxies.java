package dev.sio4j.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The reverse proxies (load balancers) whose {@code X-Forwarded-For} header the server believes, given as addresses or
 * CIDR blocks ({@code 127.0.0.1}, {@code 10.0.0.0/8}, {@code ::1}, {@code fd00::/8}). Immutable and thread-safe.
 *
 * <p>Default {@link #none()}: the forwarded headers are never believed, and a socket's {@link Handshake#address()} is
 * its direct peer's, as with the reference server (which reads only the connection's address). Any client can write
 * {@code X-Forwarded-For}, so the header only means something when the peer that sent it is a proxy of yours.
 *
 * <p>When the direct peer is trusted, the client's address is read from the header's list the way a chain of proxies
 * appends to it (each proxy adds the address it received the request from, RFC 7239 section 5.2 for its standard
 * cousin): walking from the right, trusted entries are skipped, and the first untrusted one is the client. Entries to
 * its left were written by the client itself and are never used. When every entry is trusted, the left-most one is.
 */
public final class TrustedProxies {
  private static final TrustedProxies NONE = new TrustedProxies(List.of());

  private final List<Block> blocks;

  private TrustedProxies(List<Block> blocks) {
    this.blocks = blocks;
  }

  /** Trusts no one: the default. */
  public static TrustedProxies none() {
    return NONE;
  }

  /**
   * Trusts the given literal addresses and CIDR blocks (no host names: resolving them would make each handshake wait
   * on DNS).
   *
   * @throws IllegalArgumentException if an entry is not an IP literal or CIDR block
   */
  public static TrustedProxies of(String... addressesOrCidrs) {
    return of(Arrays.asList(addressesOrCidrs));
  }

  /** As {@link #of(String...)}. */
  public static TrustedProxies of(List<String> addressesOrCidrs) {
    List<Block> blocks = new ArrayList<>();
    for (String entry : addressesOrCidrs) {
      blocks.add(Block.parse(Objects.requireNonNull(entry, "address").trim()));
    }
    return blocks.isEmpty() ? NONE : new TrustedProxies(List.copyOf(blocks));
  }

  /** Whether no proxy is trusted. */
  public boolean isEmpty() {
    return blocks.isEmpty();
  }

  /** Whether {@code address} is one of the trusted proxies. */
  public boolean trusts(InetAddress address) {
    if (address == null) {
      return false;
    }
    byte[] bytes = address.getAddress();
    for (Block block : blocks) {
      if (block.contains(bytes)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The client's address: {@code peer}'s when it is not trusted or no header was sent, else the right-most untrusted
   * entry of the {@code X-Forwarded-For} values (several header lines count as one list joined by commas, RFC 9110
   * section 5.3). An entry that is no IP literal stops the walk: it is the client's, as written by the last proxy.
   *
   * @param peer the direct peer's address
   * @param forwardedFor the {@code X-Forwarded-For} header values in order, possibly empty
   * @return the client's address, as text
   */
  public String clientAddress(InetAddress peer, List<String> forwardedFor) {
    String peerText = peer == null ? "" : peer.getHostAddress();
    if (blocks.isEmpty() || forwardedFor == null || forwardedFor.isEmpty() || !trusts(peer)) {
      return peerText;
    }
    List<String> entries = new ArrayList<>();
    for (String value : forwardedFor) {
      for (String entry : value.split(",")) {
        String trimmed = entry.trim();
        if (!trimmed.isEmpty()) {
          entries.add(trimmed);
        }
      }
    }
    String client = peerText;
    for (int i = entries.size() - 1; i >= 0; i--) {
      client = entries.get(i);
      InetAddress parsed = Block.literal(stripPort(client));
      if (parsed == null) {
        return client;
      }
      client = parsed.getHostAddress();
      if (!trusts(parsed)) {
        return client;
      }
    }
    return client;
  }

  // Some proxies append the port ("203.0.113.7:5412", "[2001:db8::1]:5412"); the address is what is asked for.
  private static String stripPort(String entry) {
    if (entry.startsWith("[")) {
      int end = entry.indexOf(']');
      return end > 0 ? entry.substring(1, end) : entry;
    }
    int colon = entry.indexOf(':');
    return colon > 0 && colon == entry.lastIndexOf(':') ? entry.substring(0, colon) : entry;
  }

  @Override
  public String toString() {
    return "TrustedProxies" + blocks;
  }

  /** An address and how many of its leading bits must match. */
  private record Block(byte[] network, int prefix, String text) {
    static Block parse(String text) {
      int slash = text.indexOf('/');
      InetAddress address = literal(slash < 0 ? text : text.substring(0, slash));
      if (address == null) {
        throw new IllegalArgumentException("not an IP address or CIDR block: " + text);
      }
      byte[] network = address.getAddress();
      int prefix = network.length * 8;
      if (slash >= 0) {
        try {
          prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("bad CIDR prefix: " + text, e);
        }
        if (prefix < 0 || prefix > network.length * 8) {
          throw new IllegalArgumentException("bad CIDR prefix: " + text);
        }
      }
      return new Block(network, prefix, text);
    }

    /** {@code text} as an address when it is an IPv4 or IPv6 literal, else {@code null} (never a DNS lookup). */
    static InetAddress literal(String text) {
      boolean ipv4 = !text.isEmpty() && text.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
      // hex digits, colons and dots only: InetAddress then parses the literal and never asks DNS
      boolean ipv6 = text.indexOf(':') >= 0
          && text.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
      if (!ipv4 && !ipv6) {
        return null;
      }
      if (ipv4 && text.chars().filter(c -> c == '.').count() != 3) {
        return null;
      }
      try {
        return InetAddress.getByName(text);
      } catch (UnknownHostException e) {
        return null;
      }
    }

    boolean contains(byte[] address) {
      byte[] candidate = address;
      if (candidate.length != network.length) {
        candidate = mapped(candidate, network.length);
        if (candidate == null) {
          return false;
        }
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (candidate[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (candidate[full] & mask) == (network[full] & mask);
    }

    // A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d; such a peer matches the IPv4 entry, and back.
    private static byte[] mapped(byte[] address, int length) {
      if (address.length == 16 && length == 4) {
        for (int i = 0; i < 10; i++) {
          if (address[i] != 0) {
            return null;
          }
        }
        return address[10] == (byte) 0xff && address[11] == (byte) 0xff ? Arrays.copyOfRange(address, 12, 16) : null;
      }
      if (address.length == 4 && length == 16) {
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(address, 0, v6, 12, 4);
        return v6;
      }
      return null;
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
