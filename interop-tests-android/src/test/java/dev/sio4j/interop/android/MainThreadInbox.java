package dev.sio4j.interop.android;

import static org.robolectric.Shadows.shadowOf;

import android.os.Handler;
import android.os.Looper;
import dev.sio4j.client.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An event's first arguments, handed to the Android main thread as an app that updates its views does: listeners run
 * on the client's threads and post there.
 */
final class MainThreadInbox {
  private final Handler main = new Handler(Looper.getMainLooper());
  private final List<String> received = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();

  MainThreadInbox(Socket socket, String event) {
    socket.on(event, args -> main.post(() -> {
      threads.add(Thread.currentThread());
      received.add(args.getString(0));
    }));
  }

  /** Runs the main looper, the test's own thread, until a value arrived or {@code timeout} passed. */
  List<String> await(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (received.isEmpty() && System.nanoTime() < deadline) {
      shadowOf(Looper.getMainLooper()).idle();
      Thread.sleep(10);
    }
    return received;
  }

  /** Whether every value arrived on the main looper's thread. */
  boolean allOnMainThread() {
    return threads.stream().allMatch(t -> t == Looper.getMainLooper().getThread());
  }

  /** The API level of the Android framework the sandbox runs. */
  static int sdkInt() {
    return android.os.Build.VERSION.SDK_INT;
  }
}
