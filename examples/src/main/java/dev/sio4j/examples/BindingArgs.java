package dev.sio4j.examples;

import java.util.List;

/**
 * The command line of the conformance servers: {@code [PORT] [--binding=NAME]} in any order; port 3000 and the first
 * allowed binding (Netty) by default.
 *
 * @param port the port to listen on
 * @param binding the binding's name, one of those allowed
 */
public record BindingArgs(int port, String binding) {

  /**
   * Parses {@code args}.
   *
   * @throws IllegalArgumentException for a binding not in {@code allowed}, or an argument that is neither
   */
  public static BindingArgs parse(String[] args, String... allowed) {
    int port = 3000;
    String binding = allowed[0];
    for (String arg : args) {
      if (arg.startsWith("--binding=")) {
        binding = arg.substring("--binding=".length());
        if (!List.of(allowed).contains(binding)) {
          throw new IllegalArgumentException("unknown binding " + binding + "; one of " + List.of(allowed));
        }
      } else {
        port = Integer.parseInt(arg);
      }
    }
    return new BindingArgs(port, binding);
  }
}
