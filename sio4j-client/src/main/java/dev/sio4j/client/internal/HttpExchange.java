package dev.sio4j.client.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * One long-polling request through OkHttp: enqueued (no thread of ours waits), its body read within the size limit on
 * OkHttp's thread, and the outcome handed to the manager's loop. {@link #cancel()} on the loop drops the outcome.
 */
final class HttpExchange implements Callback {
  /** The outcome of a request: an HTTP status and body, or a failure. Called on the loop. */
  interface Listener {
    void onResponse(int status, String body, Throwable failure);
  }

  /** Marks a request to run without a read timeout: a long-polling GET waits as long as the server holds it. */
  static final class NoReadTimeout {
    static final NoReadTimeout INSTANCE = new NoReadTimeout();

    private NoReadTimeout() {
    }
  }

  // engine.io-protocol, "HTTP long-polling": payloads are UTF-8 text, binary packets base64-encoded.
  private static final MediaType TEXT = MediaType.get("text/plain; charset=UTF-8");

  private final ClientThreads loop;
  private final long maxBodyBytes;
  private final Listener listener;
  private final Call call;
  private boolean cancelled;

  private HttpExchange(Endpoint endpoint, ClientThreads loop, Request request, Listener listener) {
    this.loop = loop;
    this.maxBodyBytes = endpoint.maxIncomingPacketSize();
    this.listener = listener;
    this.call = endpoint.client().newCall(request);
  }

  /** Starts a GET (a poll) of session {@code sid}. */
  static HttpExchange get(Endpoint endpoint, ClientThreads loop, String sid, Listener listener) {
    Request request = endpoint.request("polling", sid).tag(NoReadTimeout.class, NoReadTimeout.INSTANCE).get().build();
    return start(new HttpExchange(endpoint, loop, request, listener));
  }

  /** Starts a POST of {@code payload} to session {@code sid}. */
  static HttpExchange post(Endpoint endpoint, ClientThreads loop, String sid, String payload, Listener listener) {
    Request request = endpoint.request("polling", sid).post(RequestBody.create(payload, TEXT)).build();
    return start(new HttpExchange(endpoint, loop, request, listener));
  }

  private static HttpExchange start(HttpExchange exchange) {
    exchange.call.enqueue(exchange);
    return exchange;
  }

  /** Aborts the request; its listener is not called any more. Only on the loop. */
  void cancel() {
    cancelled = true;
    call.cancel();
  }

  @Override
  public void onFailure(Call c, IOException e) {
    complete(0, null, e);
  }

  @Override
  public void onResponse(Call c, Response response) {
    try (response) {
      ResponseBody body = response.body();
      if (response.code() != 200) {
        complete(response.code(), null, null);
        return;
      }
      BufferedSource source = body.source();
      // Refuse a body past the limit before holding it in memory: one byte more than allowed is enough to tell.
      if (body.contentLength() > maxBodyBytes || source.request(maxBodyBytes + 1)) {
        complete(0, null, new IOException("payload larger than maxIncomingPacketSize (" + maxBodyBytes + " bytes)"));
        return;
      }
      complete(200, source.readString(StandardCharsets.UTF_8), null);
    } catch (IOException e) {
      complete(0, null, e);
    }
  }

  private void complete(int status, String body, Throwable failure) {
    loop.execute(() -> {
      if (!cancelled) {
        listener.onResponse(status, body, failure);
      }
    });
  }
}
