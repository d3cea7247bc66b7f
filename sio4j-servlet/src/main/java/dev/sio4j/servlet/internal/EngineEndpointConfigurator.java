package dev.sio4j.servlet.internal;

import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;

/**
 * The configurator of one accepted upgrade: puts the engine's headers on the 101, hands the container this upgrade's
 * endpoint instance, and negotiates per-message deflate (RFC 7692) only when the engine's option allows it.
 */
final class EngineEndpointConfigurator extends ServerEndpointConfig.Configurator {
  private final Map<String, String> headers;
  private final boolean perMessageDeflate;
  private final EngineEndpoint endpoint;

  EngineEndpointConfigurator(Map<String, String> headers, boolean perMessageDeflate, EngineEndpoint endpoint) {
    this.headers = headers;
    this.perMessageDeflate = perMessageDeflate;
    this.endpoint = endpoint;
  }

  @Override
  public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
    headers.forEach((name, value) -> response.getHeaders().put(name, List.of(value)));
  }

  @Override
  public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
    return perMessageDeflate ? super.getNegotiatedExtensions(installed, requested) : List.of();
  }

  @Override
  public boolean checkOrigin(String originHeaderValue) {
    // the engine already decided (CORS does not apply to WebSocket; allowRequest is the application's origin check)
    return true;
  }

  @Override
  public <T> T getEndpointInstance(Class<T> endpointClass) {
    return endpointClass.cast(endpoint);
  }
}
