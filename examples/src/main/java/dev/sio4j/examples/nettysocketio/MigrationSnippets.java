package dev.sio4j.examples.nettysocketio;

import dev.sio4j.engine.AllowRequest;
import dev.sio4j.engine.CorsOptions;
import dev.sio4j.engine.EngineOptions;
import dev.sio4j.netty.NettyServer;
import dev.sio4j.redis.RedisAdapterFactory;
import dev.sio4j.server.AckTimeoutException;
import dev.sio4j.server.ConnectionRefusedException;
import dev.sio4j.server.Namespace;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.Socket;
import dev.sio4j.server.SocketIoServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sio4j side of {@code docs/migrating-from-netty-socketio.md}, beyond the chat itself ({@link ChatLauncher}): each
 * method holds one tagged region that the guide quotes, so that every name the guide shows compiles with every
 * change. The methods build servers but never start them (except where a test does); they are reading material.
 */
public final class MigrationSnippets {
  private static final Logger log = LoggerFactory.getLogger(MigrationSnippets.class);

  private MigrationSnippets() {}

  /** netty-socketio's {@code Configuration} settings, as sio4j options; not listening yet. */
  public static SocketIoServer configured() {
    // tag::options[]
    SocketIoServer io = SocketIoServer.create(ServerOptions.builder()
        .path("/socket.io")                                     // setContext("/socket.io")
        .engine(EngineOptions.builder()
            .pingIntervalMillis(25_000)                         // setPingInterval(25000)
            .pingTimeoutMillis(60_000)                          // setPingTimeout(60000): sio4j's default is 20000
            .maxPayload(64 * 1024)                              // setMaxFramePayloadLength + setMaxHttpContentLength
            .upgradeTimeoutMillis(10_000)                       // setUpgradeTimeout(10000)
            .transports(EnumSet.of(EngineOptions.Transport.WEBSOCKET))       // setTransports(Transport.WEBSOCKET)
            .cors(CorsOptions.builder()                         // setOrigin(...); CORS is off unless set
                .origins(List.of("https://chat.example.com")).credentials(true).build())
            .allowRequest(request -> "s3cret".equals(request.queryParameter("key"))   // setAuthorizationListener
                ? AllowRequest.Decision.allow()
                : AllowRequest.Decision.refuse("unauthorized"))
            .perMessageDeflate(true)                            // setWebsocketCompression(true)
            .httpCompression(true)                              // setHttpCompression(true)
            .build())
        .build());
    // end::options[]
    return io;
  }

  /** netty-socketio's {@code setHostname}, {@code setPort} and {@code start()}: {@code listen}. */
  public static SocketIoServer listening(String hostname, int port) {
    SocketIoServer io = SocketIoServer.create();
    // tag::listen[]
    io.listen(new InetSocketAddress(hostname, port));           // setHostname + setPort, then start()
    // ...
    io.close();                                                 // stop()
    // end::listen[]
    return io;
  }

  /**
   * netty-socketio's {@code setKeyStore}, {@code setKeyStorePassword}, {@code setBossThreads} and
   * {@code setWorkerThreads}: the Netty server started by hand with the server's engine and HTTP handlers.
   */
  public static NettyServer secured(InputStream keyStore, char[] password) throws IOException,
      GeneralSecurityException {
    // tag::tls[]
    KeyStore store = KeyStore.getInstance("JKS");                 // setKeyStoreFormat("JKS")
    store.load(keyStore, password);                               // setKeyStore(...), setKeyStorePassword(...)
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), null, null);

    SocketIoServer io = SocketIoServer.create();
    NettyServer server = NettyServer.builder()
        .engine(io.engine())
        .handlers(io.httpHandlers())                              // the browser client, your HttpHandlers
        .host("0.0.0.0").port(8443)                               // setHostname, setPort
        .bossThreads(1).workerThreads(4)                          // setBossThreads, setWorkerThreads
        .tls(tls)                                                 // or .tls(chainPem, keyPem, password)
        .start();
    // ... and on shutdown: io.close(), then server.close()
    // end::tls[]
    return server;
  }

  /** netty-socketio's connect, disconnect, event and multi-type listeners. */
  public static void listeners(SocketIoServer io) {
    // tag::listeners[]
    io.onConnection(socket -> {                                   // addConnectListener
      log.info("{} connected from {}", socket.id(), socket.handshake().address());

      socket.on("chatevent", ChatObject.class, (chat, event) -> { // addEventListener + DataListener<ChatObject>
        io.emit("chatevent", chat);
        event.ack("stored");                                      // ackRequest.sendAckData("stored")
      });

      socket.on("move", event -> {                                // addMultiTypeEventListener(Integer, Integer)
        int x = event.arg(0, Integer.class);
        int y = event.arg(1, Integer.class);
        socket.broadcast().emit("moved", socket.id(), x, y);
      });

      socket.onDisconnect((s, reason) ->                          // addDisconnectListener
          log.info("{} left: {}", s.id(), reason));
    });
    // end::listeners[]
  }

  /** {@code SocketIOClient}: handshake data, the per-socket store, rooms, events. */
  public static void client(SocketIoServer io) {
    // tag::client[]
    io.onConnection(socket -> {
      String room = socket.handshake().queryParameter("room");    // getHandshakeData().getSingleUrlParam("room")
      String agent = socket.handshake().header("User-Agent");     // getHandshakeData().getHttpHeaders().get(...)
      socket.data().put("agent", agent);                          // client.set("agent", agent)

      socket.join(room);                                          // client.joinRoom(room)
      socket.emit("welcome", new ChatObject("server", "hi"));     // client.sendEvent("welcome", ...)
      socket.to(room).emit("joined", socket.id());                // the room but the sender: sendEvent(.., client, ..)
      io.to(room).emit("topic", "Welcome to " + room);            // getRoomOperations(room).sendEvent("topic", ...)
    });
    // end::client[]
  }

  /** netty-socketio's {@code AckCallback} and {@code BroadcastAckCallback}: futures. */
  public static void acknowledgements(Socket socket, SocketIoServer io) {
    // tag::acks[]
    socket.timeout(Duration.ofSeconds(5))                         // new AckCallback<>(String.class, 5)
        .emitWithAck("question", "ready?")                        // client.sendEvent("question", callback, "ready?")
        .whenComplete((reply, error) -> {
          if (error == null) {
            log.info("answer: {}", reply.get(0, String.class));   // onSuccess(String result)
          } else if (error instanceof AckTimeoutException) {
            log.info("no answer within 5 s");                     // onTimeout()
          } else {
            log.info("not delivered: {}", error.toString());      // the socket left, or its send buffer was full
          }
        });

    io.timeout(Duration.ofSeconds(5))                             // BroadcastAckCallback
        .emitWithAck("vote", "lunch?")
        .thenAccept(answers -> log.info("{} answers", answers.size()));   // onAllSuccess()
    // end::acks[]
  }

  /** netty-socketio's namespaces and {@code AuthTokenListener}: a namespace and its middleware. */
  public static Namespace namespace(SocketIoServer io) {
    // tag::namespace[]
    Namespace chat = io.of("/chat");                              // server.addNamespace("/chat")
    chat.use((socket, next) -> {                                  // chat.addAuthTokenListener(...)
      String token = socket.handshake().auth().path("token").asText();
      if (token.isEmpty()) {
        next.fail(new ConnectionRefusedException("unauthorized", Map.of("reason", "no token")));
      } else {
        socket.data().put("token", token);
        next.proceed();
      }
    });
    chat.onConnection(socket -> socket.join("members"));          // chat.addConnectListener(...)
    chat.to("members").emit("news", "hello");                     // chat.getRoomOperations("members").sendEvent(...)
    // end::namespace[]
    return chat;
  }

  /** netty-socketio's {@code getAllClients}, {@code getClient} and {@code getRoomOperations(room).getClients()}. */
  public static void lookups(SocketIoServer io, String socketId) {
    // tag::lookups[]
    Map<String, Socket> local = io.sockets().sockets();           // server.getAllClients(), this server only
    Socket one = local.get(socketId);                             // server.getClient(uuid)
    Set<String> inLobby = io.sockets().adapter().sockets(Set.of("lobby"));   // ids in room "lobby", this server
    io.in("lobby").fetchSockets()                                 // every server of a cluster
        .thenAccept(sockets -> sockets.forEach(s -> s.emit("hello", s.id())));
    // end::lookups[]
    log.debug("{} {} {}", local.size(), one, inLobby.size());
  }

  /** netty-socketio's event interceptor: catch-all listeners and socket middlewares. */
  public static void interceptors(SocketIoServer io) {
    // tag::interceptors[]
    io.onConnection(socket -> {
      socket.onAny((event, args) -> log.debug("{} sent {} {}", socket.id(), event, args));   // addEventInterceptor
      socket.use((event, next) -> {                               // runs before the listeners and may stop the event
        if (socket.data().containsKey("muted") && event.name().equals("chatevent")) {
          next.fail(new IllegalStateException("muted"));          // the socket's onError listeners get it
        } else {
          next.proceed();
        }
      });
    });
    // end::interceptors[]
  }

  /** netty-socketio's {@code RedissonStoreFactory}: the Redis adapter. Connects to Redis when created. */
  public static SocketIoServer clustered(String redisUri) {
    // tag::redis[]
    SocketIoServer io = SocketIoServer.create(ServerOptions.builder()
        .adapterFactory(RedisAdapterFactory.create(redisUri))     // setStoreFactory(new RedissonStoreFactory(redisson))
        .build());
    // end::redis[]
    return io;
  }
}
