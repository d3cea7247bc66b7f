package dev.sio4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.client.ClientOptions;
import java.net.URI;
import org.junit.jupiter.api.Test;

class EndpointTest {
  @Test
  void buildsEngineIoRequestTargets() {
    Endpoint e = new Endpoint(URI.create("http://example.test:8080/?token=a%20b"),
        ClientOptions.builder().path("/io/").query("room", "blue & green").build(), null);
    String polling = e.requestTarget("polling", null);
    assertTrue(polling.startsWith("/io/?EIO=4&transport=polling&t="), polling);
    assertTrue(polling.endsWith("&token=a%20b&room=blue+%26+green"), polling);
    assertTrue(!polling.equals(e.requestTarget("polling", null)), "each polling request is unique");
    assertEquals("/io/?EIO=4&transport=websocket&sid=abc&token=a%20b&room=blue+%26+green",
        e.requestTarget("websocket", "abc"));
    assertEquals("ws://example.test:8080/io/?EIO=4&transport=websocket&sid=s&token=a%20b&room=blue+%26+green",
        e.webSocketUri("s").toString());
    assertEquals("example.test:8080", e.hostHeader());
  }

  @Test
  void defaultPortsAndSchemes() {
    Endpoint https = new Endpoint(URI.create("https://example.test"), ClientOptions.defaults(), null);
    assertEquals(443, https.port());
    assertTrue(https.secure());
    assertEquals("example.test", https.hostHeader());
    assertTrue(https.webSocketUri(null).toString().startsWith("wss://example.test:443/socket.io/?EIO=4"));
    assertEquals(80, new Endpoint(URI.create("ws://example.test"), ClientOptions.defaults(), null).port());
    assertThrows(IllegalArgumentException.class,
        () -> new Endpoint(URI.create("ftp://example.test"), ClientOptions.defaults(), null));
  }

  @Test
  void timestampParameterAndTrailingSlashAsConfigured() {
    ClientOptions options = ClientOptions.builder().path("/io").connection(dev.sio4j.client.ConnectionOptions.builder()
        .timestampParam("ts").build()).build();
    assertTrue(new Endpoint(URI.create("http://example.test"), options, null).requestTarget("polling", null)
        .startsWith("/io/?EIO=4&transport=polling&ts="));
    ClientOptions plain = ClientOptions.builder().path("/io").connection(dev.sio4j.client.ConnectionOptions.builder()
        .timestampRequests(false).addTrailingSlash(false).build()).build();
    assertEquals("/io?EIO=4&transport=polling",
        new Endpoint(URI.create("http://example.test"), plain, null).requestTarget("polling", null));
  }
}
