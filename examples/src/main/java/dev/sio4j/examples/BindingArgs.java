package dev.sio4j.examples;

import java.util.List;

/**
 * The command line of the conformance servers: {@code [PORT] [--binding=NAME] [--allow-eio3]} in any order; port 3000,
 * the first allowed binding (Netty) and Engine.IO v4 clients only by default.
 *
 * @param port the port to listen on
 * @param binding the binding's name, one of those allowed
 * @param allowEIO3 whether {@code --allow-eio3} asks to serve Engine.IO v3 clients too (EngineOptions.allowEIO3)
 */
public record BindingArgs(int port, String binding, boolean allowEIO3) {

  /**
   * Parses {@code args}.
   *
   * @throws IllegalArgumentException for a binding not in {@code allowed}, or an argument that is neither
   */
  public static BindingArgs parse(String[] args, String... allowed) {
    int port = 3000;
    String binding = allowed[0];
    boolean allowEIO3 = false;
    for (String arg : args) {
      if (arg.equals("--allow-eio3")) {
        allowEIO3 = true;
      } else if (arg.startsWith("--binding=")) {
        binding = arg.substring("--binding=".length());
        if (!List.of(allowed).contains(binding)) {
          throw new IllegalArgumentException("unknown binding " + binding + "; one of " + List.of(allowed));
        }
      } else {
        port = Integer.parseInt(arg);
      }
    }
    return new BindingArgs(port, binding, allowEIO3);
  }
}
