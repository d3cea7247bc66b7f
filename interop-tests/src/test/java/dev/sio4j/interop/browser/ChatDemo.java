package dev.sio4j.interop.browser;

import dev.sio4j.examples.chat.ChatOptions;
import dev.sio4j.examples.chat.ChatServer;

/** The chat demo started by a test, in this JVM, on a given port (0: a free one). */
final class ChatDemo implements AutoCloseable {
  private final ChatServer server;

  private ChatDemo(ChatServer server) {
    this.server = server;
  }

  static ChatDemo start(int port, String token) {
    return new ChatDemo(ChatServer.start(ChatOptions.builder().port(port).adminToken(token).build()));
  }

  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  int port() {
    return server.port();
  }

  String adminToken() {
    return server.adminToken();
  }

  @Override
  public void close() {
    server.close();
  }
}
