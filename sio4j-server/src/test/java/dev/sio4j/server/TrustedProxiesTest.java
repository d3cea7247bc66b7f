package dev.sio4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The handshake address behind reverse proxies: X-Forwarded-For believed only from trusted peers. */
class TrustedProxiesTest {

  private static InetAddress ip(String literal) throws Exception {
    return InetAddress.getByName(literal);
  }

  @Test
  void matchesAddressesAndCidrBlocks() throws Exception {
    TrustedProxies proxies = TrustedProxies.of("127.0.0.1", "10.0.0.0/8", "192.168.1.128/25", "fd00::/8");
    assertTrue(proxies.trusts(ip("127.0.0.1")));
    assertFalse(proxies.trusts(ip("127.0.0.2")));
    assertTrue(proxies.trusts(ip("10.200.3.4")));
    assertFalse(proxies.trusts(ip("11.0.0.1")));
    assertTrue(proxies.trusts(ip("192.168.1.200")));
    assertFalse(proxies.trusts(ip("192.168.1.100")));
    assertTrue(proxies.trusts(ip("fd12::1")));
    assertFalse(proxies.trusts(ip("fe80::1")));
    assertTrue(TrustedProxies.of("::ffff:127.0.0.1").trusts(ip("127.0.0.1")));
    assertTrue(TrustedProxies.of("0.0.0.0/0").trusts(ip("203.0.113.9")));
  }

  @Test
  void rejectsHostNamesAndBadPrefixes() {
    assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of("proxy.example"));
    assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of("10.0.0.0/33"));
    assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of("10.0.0.0/x"));
    assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of("10.0.0"));
    assertTrue(TrustedProxies.of().isEmpty());
  }

  @Test
  void takesTheRightMostUntrustedEntry() throws Exception {
    TrustedProxies proxies = TrustedProxies.of("127.0.0.1", "10.0.0.0/8");
    // the client wrote a fake entry first; our two proxies appended the real client and the first proxy
    assertEquals("203.0.113.7",
        proxies.clientAddress(ip("127.0.0.1"), List.of("1.2.3.4, 203.0.113.7, 10.0.0.5")));
    // several header lines are one list
    assertEquals("203.0.113.7", proxies.clientAddress(ip("127.0.0.1"), List.of("1.2.3.4", "203.0.113.7,10.0.0.5")));
    // ports and brackets some proxies add
    assertEquals("203.0.113.7", proxies.clientAddress(ip("127.0.0.1"), List.of("203.0.113.7:5412")));
    assertEquals("2001:db8:0:0:0:0:0:1", proxies.clientAddress(ip("127.0.0.1"), List.of("[2001:db8::1]:5412")));
    // every entry trusted: the left-most one
    assertEquals("10.0.0.9", proxies.clientAddress(ip("127.0.0.1"), List.of("10.0.0.9, 10.0.0.5")));
    // garbage stops the walk and is reported as sent
    assertEquals("unknown", proxies.clientAddress(ip("127.0.0.1"), List.of("1.2.3.4, unknown")));
  }

  @Test
  void ignoresTheHeaderFromUntrustedPeersAndByDefault() throws Exception {
    assertEquals("198.51.100.2",
        TrustedProxies.of("127.0.0.1").clientAddress(ip("198.51.100.2"), List.of("203.0.113.7")));
    assertEquals("127.0.0.1", TrustedProxies.none().clientAddress(ip("127.0.0.1"), List.of("203.0.113.7")));
    assertEquals("127.0.0.1", TrustedProxies.of("127.0.0.1").clientAddress(ip("127.0.0.1"), List.of()));
  }

  @Test
  void handshakeAddressIsTheForwardedClientWhenThePeerIsTrusted() throws Exception {
    Map<String, List<String>> headers = Map.of("x-forwarded-for", List.of("1.2.3.4, 203.0.113.7"));
    assertEquals("203.0.113.7", handshakeAddress(TrustedProxies.of("127.0.0.0/8"), headers));
    assertEquals("127.0.0.1", handshakeAddress(TrustedProxies.none(), headers));
    assertEquals("127.0.0.1", handshakeAddress(TrustedProxies.of("10.0.0.1"), headers));
  }

  private static String handshakeAddress(TrustedProxies proxies, Map<String, List<String>> headers)
      throws Exception {
    SocketIoServer io = SocketIoServer.create(ServerOptions.builder().trustedProxies(proxies).build());
    try {
      BlockingQueue<Socket> connected = new LinkedBlockingQueue<>();
      io.onConnection(connected::add);
      new TestEngineSocket(io.engineListener(), Map.of(), headers).receive("0");
      return connected.poll(5, TimeUnit.SECONDS).handshake().address();
    } finally {
      io.close();
    }
  }
}
