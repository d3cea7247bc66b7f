package dev.sio4j.server.adapter;

import dev.sio4j.server.adapter.ClusterMessage.Response;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Gathers the answers to one {@link ClusterAdapter} request ({@code request}); called under the request's lock.
 *
 * @param <T> the request's result
 */
public interface Answers<T> {
  /** One server's answer. */
  void add(Response response);

  /** The result, once every server answered (or none was expected). */
  T result();

  /** The failure at the timeout, with how many servers were expected and answered (this one included). */
  RuntimeException timedOut(int expected, int received);

  /** Answers made of three functions. */
  static <T> Answers<T> of(Consumer<Response> add, Supplier<T> result,
      BiFunction<Integer, Integer, RuntimeException> timedOut) {
    return new Answers<>() {
      @Override
      public void add(Response response) {
        add.accept(response);
      }

      @Override
      public T result() {
        return result.get();
      }

      @Override
      public RuntimeException timedOut(int expected, int received) {
        return timedOut.apply(expected, received);
      }
    };
  }
}
