package dev.sio4j.examples;

import dev.sio4j.protocol.socketio.SocketIoParser;
import java.util.List;

/**
 * The command line of the conformance servers: {@code [PORT] [--binding=NAME] [--parser=json|msgpack] [--allow-eio3]}
 * in any order; port 3000, the first allowed binding (Netty), the default JSON parser and Engine.IO v4 clients only by
 * default. The parser matters to the Socket.IO servers only.
 *
 * @param port the port to listen on
 * @param binding the binding's name, one of those allowed
 * @param parser the Socket.IO parser
 * @param allowEIO3 whether {@code --allow-eio3} asks to serve Engine.IO v3 clients too (EngineOptions.allowEIO3)
 */
public record BindingArgs(int port, String binding, SocketIoParser parser, boolean allowEIO3) {

  /**
   * Parses {@code args}.
   *
   * @throws IllegalArgumentException for a binding not in {@code allowed}, an unknown parser, or an argument that is
   *     none of these
   */
  public static BindingArgs parse(String[] args, String... allowed) {
    int port = 3000;
    String binding = allowed[0];
    SocketIoParser parser = SocketIoParser.json();
    boolean allowEIO3 = false;
    for (String arg : args) {
      if (arg.equals("--allow-eio3")) {
        allowEIO3 = true;
      } else if (arg.startsWith("--binding=")) {
        binding = arg.substring("--binding=".length());
        if (!List.of(allowed).contains(binding)) {
          throw new IllegalArgumentException("unknown binding " + binding + "; one of " + List.of(allowed));
        }
      } else if (arg.startsWith("--parser=")) {
        parser = SocketIoParser.named(arg.substring("--parser=".length()));
      } else {
        port = Integer.parseInt(arg);
      }
    }
    return new BindingArgs(port, binding, parser, allowEIO3);
  }
}
