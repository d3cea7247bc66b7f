package dev.sio4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio4j.server.adapter.AdapterNamespace;
import dev.sio4j.server.adapter.InMemoryAdapter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code serverSideEmit} goes through the adapter: two servers in one JVM joined by a minimal cluster adapter that
 * hands server-side emits to the other server's namespace (what a Redis adapter does over the network). Also typed
 * listeners.
 */
class ServerSideEmitTest {
  /** The test's cluster: namespace name → the namespaces of every server. */
  private final Map<String, List<AdapterNamespace>> cluster = new ConcurrentHashMap<>();

  private final class LoopbackClusterAdapter extends InMemoryAdapter {
    LoopbackClusterAdapter(AdapterNamespace namespace) {
      super(namespace);
      cluster.computeIfAbsent(namespace.name(), n -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(namespace);
    }

    @Override
    public void serverSideEmit(List<JsonNode> packet) {
      String event = packet.get(0).asText();
      Arguments args = new Arguments(packet.subList(1, packet.size()), namespace.mapper());
      for (AdapterNamespace other : cluster.get(namespace.name())) {
        if (other != namespace) {
          other.receiveServerSideEmit(event, args);
        }
      }
    }

    @Override
    public int serverCount() {
      return cluster.get(namespace.name()).size();
    }
  }

  record Order(String item, int quantity) {}

  @Test
  void serverSideEmitReachesTheOtherServersOnly() throws Exception {
    ServerOptions options = ServerOptions.builder().adapterFactory(LoopbackClusterAdapter::new).build();
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    try (SocketIoServer one = SocketIoServer.create(options); SocketIoServer two = SocketIoServer.create(options)) {
      one.sockets().onServerSideEmit((event, args) -> received.add("one " + event + args));
      two.sockets().onServerSideEmit((event, args) -> received.add("two " + event + args));
      two.onServerSideEvent(event -> {
        received.add("event " + event.name() + event.arguments() + " ack " + event.hasAck());
        event.ack("ignored: nobody waits");
      });
      assertEquals(2, one.sockets().adapter().serverCount());
      one.serverSideEmit("hello", 1, Map.of("a", true));
      assertEquals(java.util.Set.of("two hello[1, {\"a\":true}]", "event hello[1, {\"a\":true}] ack false"),
          java.util.Set.of(received.poll(5, TimeUnit.SECONDS), received.poll(5, TimeUnit.SECONDS)));
      assertEquals(null, received.poll(100, TimeUnit.MILLISECONDS));
    }
  }

  @Test
  void typedListenersBindTheFirstArgument() throws Exception {
    BlockingQueue<Object> got = new LinkedBlockingQueue<>();
    try (SocketIoServer io = SocketIoServer.create()) {
      io.onConnection(socket -> socket.on("order", Order.class, (order, event) -> {
        got.add(order);
        event.ack("ok " + order.quantity());
      }));
      TestEngineSocket client = new TestEngineSocket(io.engineListener());
      client.connect("/");
      client.receive("21[\"order\",{\"item\":\"tea\",\"quantity\":2}]");
      assertEquals(new Order("tea", 2), got.poll(5, TimeUnit.SECONDS));
      assertEquals("31[\"ok 2\"]", client.nextText());
    }
  }

  @Test
  void inMemoryServerSideEmitReachesNobodyAndLocalChangesNothing() throws Exception {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    BlockingQueue<Socket> sockets = new LinkedBlockingQueue<>();
    try (SocketIoServer io = SocketIoServer.create()) {
      io.sockets().onServerSideEmit((event, args) -> received.add(event));
      io.onConnection(sockets::add);
      assertEquals(1, io.sockets().adapter().serverCount());
      io.serverSideEmit("hello", 1);
      assertEquals(List.of(), io.serverSideEmitWithAck("hello", 2).get(5, TimeUnit.SECONDS), "no other server");
      org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
          () -> io.sockets().serverSideEmit("connection"));
      org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
          () -> io.sockets().serverSideEmit("connect"));
      TestEngineSocket client = new TestEngineSocket(io.engineListener());
      client.connect("/");
      sockets.poll(5, TimeUnit.SECONDS);
      // every socket is local: local() reaches the same sockets as a plain broadcast
      io.local().emit("news", 1);
      assertEquals("2[\"news\",1]", client.nextText());
      assertEquals(1, io.local().fetchSockets().get(5, TimeUnit.SECONDS).size());
      assertEquals(null, received.poll(100, TimeUnit.MILLISECONDS), "own listeners never get a server-side emit");
    }
  }
}
