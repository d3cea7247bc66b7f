package dev.sio4j.spring;

import dev.sio4j.server.Socket;
import java.security.Principal;

/**
 * The authenticated user behind a socket: the servlet request's {@code getUserPrincipal()} (Spring Security's
 * {@code Authentication} when it guards the Socket.IO path) at the Engine.IO handshake. A bean of the
 * auto-configuration; {@link OnConnect} and {@link OnEvent} methods get it as a {@link Principal} parameter.
 *
 * <p>Why a bean and not an entry of {@code socket.data()}: that map travels to other servers with
 * {@code fetchSockets} through a cluster adapter, and a principal (credentials, authorities) has no business on the
 * wire. On the reactive stack, where sio4j runs its own Netty server, there is no servlet request and {@link #of}
 * returns {@code null}. Thread-safe.
 */
public interface SocketIoPrincipals {
  /** The principal of the request that opened {@code socket}'s connection, or {@code null} when anonymous. */
  Principal of(Socket socket);
}
