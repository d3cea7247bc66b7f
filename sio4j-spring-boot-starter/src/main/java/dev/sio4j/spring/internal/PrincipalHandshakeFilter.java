package dev.sio4j.spring.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Hands the authenticated principal of an Engine.IO handshake to {@link PrincipalRegistry}, on the Socket.IO path only.
 *
 * <p>Mapped after the application's security filters (Spring Security sets {@code getUserPrincipal()} in its chain),
 * in front of the Socket.IO servlet. On every request it hides a {@link PrincipalRegistry#HEADER} the client may have
 * sent; on a handshake (no {@code sid} in the query: the first long-polling GET, or a WebSocket-only client's upgrade)
 * with a principal, it registers the principal and shows the servlet the token in that header. Stateless itself;
 * thread-safe.
 */
public final class PrincipalHandshakeFilter implements Filter {
  private final PrincipalRegistry registry;

  /** A filter registering into {@code registry}. */
  public PrincipalHandshakeFilter(PrincipalRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!(request instanceof HttpServletRequest http)) {
      chain.doFilter(request, response);
      return;
    }
    Principal principal = isHandshake(http) ? http.getUserPrincipal() : null;
    String token = principal == null ? null : registry.register(principal);
    if (token == null && http.getHeader(PrincipalRegistry.HEADER) == null) {
      chain.doFilter(request, response);
    } else {
      chain.doFilter(new TokenRequest(http, token), response);
    }
  }

  /** Engine.IO: a request without {@code sid} opens a session (protocol v4, "handshake"). */
  private static boolean isHandshake(HttpServletRequest request) {
    String query = request.getQueryString();
    if (query == null) {
      return true;
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith("sid=")) {
        return false;
      }
    }
    return true;
  }

  /** The request with {@link PrincipalRegistry#HEADER} replaced by the token, or removed when it is null. */
  private static final class TokenRequest extends HttpServletRequestWrapper {
    private final String token;

    TokenRequest(HttpServletRequest request, String token) {
      super(request);
      this.token = token;
    }

    private static boolean isOurs(String name) {
      return PrincipalRegistry.HEADER.equalsIgnoreCase(name);
    }

    @Override
    public String getHeader(String name) {
      return isOurs(name) ? token : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      if (isOurs(name)) {
        return token == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(token));
      }
      return super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
      List<String> names = new ArrayList<>();
      for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements(); ) {
        String name = e.nextElement();
        if (!isOurs(name)) {
          names.add(name);
        }
      }
      if (token != null) {
        names.add(PrincipalRegistry.HEADER);
      }
      return Collections.enumeration(names);
    }
  }
}
