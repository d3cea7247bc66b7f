package dev.sio4j.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The send buffer of a socket that never connected: bounded, with a visible "full" signal. */
class SendBufferTest {
  @Test
  void emitsBeyondTheBufferAreRefusedAndVolatileOnesDropped() throws Exception {
    try (Manager manager = new Manager(URI.create("http://127.0.0.1:9"),
        ClientOptions.builder().maxBufferedPackets(2).threadNamePrefix("send-buffer-test").build())) {
      Socket socket = manager.socket("/");
      CompletableFuture<EventArgs> first = socket.emitWithAck("a");
      CompletableFuture<EventArgs> second = socket.emitWithAck("b");
      CompletableFuture<EventArgs> third = socket.emitWithAck("c");
      ExecutionException full = assertThrows(ExecutionException.class, () -> third.get(5, TimeUnit.SECONDS));
      assertInstanceOf(SendBufferFullException.class, full.getCause());
      assertFalse(first.isDone(), "buffered until connected");
      assertFalse(second.isDone());
      CompletableFuture<EventArgs> dropped = socket.asVolatile().emitWithAck("v");
      ExecutionException e = assertThrows(ExecutionException.class, () -> dropped.get(5, TimeUnit.SECONDS));
      assertInstanceOf(SocketDisconnectedException.class, e.getCause());
      assertThrows(IllegalArgumentException.class, () -> socket.emit("connect"));
    }
  }
}
