package dev.sio4j.netty;

import dev.sio4j.engine.EngineOptions;
import dev.sio4j.engine.EngineServer;
import dev.sio4j.engine.HttpHandler;
import java.io.IOException;
import java.net.URI;
import java.util.function.UnaryOperator;

/** An engine on an embedded Netty server on a free port, with a recording (and by default echoing) listener. */
final class TestServer implements AutoCloseable {
  final RecordingListener events;
  final EngineServer engine;
  final NettyServer server;

  private TestServer(RecordingListener events, EngineServer engine, NettyServer server) {
    this.events = events;
    this.engine = engine;
    this.server = server;
  }

  static TestServer start() throws IOException {
    return start(b -> b);
  }

  static TestServer start(UnaryOperator<EngineOptions.Builder> options, HttpHandler... handlers) throws IOException {
    return startWith(options, b -> b, handlers);
  }

  static TestServer startWith(UnaryOperator<EngineOptions.Builder> options, UnaryOperator<NettyServer.Builder> netty,
      HttpHandler... handlers) throws IOException {
    RecordingListener events = new RecordingListener();
    EngineServer engine = new EngineServer(options.apply(EngineOptions.builder()).build(), events);
    NettyServer.Builder builder = netty.apply(NettyServer.builder().engine(engine).host("127.0.0.1").port(0));
    for (HttpHandler handler : handlers) {
      builder.handler(handler);
    }
    return new TestServer(events, engine, builder.start());
  }

  int port() {
    return server.address().getPort();
  }

  /** {@code http://127.0.0.1:<port>/engine.io/?EIO=4&<query>}. */
  String url(String query) {
    return "http://127.0.0.1:" + port() + engine.options().path() + "?EIO=4&" + query;
  }

  String pollingUrl(String sid) {
    return url("transport=polling&sid=" + sid);
  }

  URI ws(String query) {
    return URI.create("ws://127.0.0.1:" + port() + engine.options().path() + "?EIO=4&transport=websocket" + query);
  }

  @Override
  public void close() {
    server.close();
  }
}
