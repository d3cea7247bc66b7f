package dev.sio4j.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.server.Arguments;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.PostgresDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * sio4j servers joined by the Postgres adapter over the local PostgreSQL ({@link PostgresDatabase}), each test on a
 * channel prefix and an attachments table of its own: the servers count each other by heartbeats and forget one that
 * closes; large and binary payloads go through the table, small ones do not; malformed notifications are dropped; old
 * attachments are deleted. (Java and Node servers in one cluster: {@code MixedPostgresClusterTest} in the interop
 * tests.)
 */
class PostgresAdapterTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
  private final String prefix = "test" + suffix;
  private final String table = "sio4j_test_attachments_" + suffix;
  private final List<SocketIoServer> servers = new ArrayList<>();
  private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

  @BeforeAll
  static void requirePostgres() {
    PostgresDatabase.require();
  }

  @AfterEach
  void stop() throws SQLException {
    servers.forEach(SocketIoServer::close);
    try (Connection c = DriverManager.getConnection(PostgresDatabase.url())) {
      c.createStatement().execute("DROP TABLE IF EXISTS " + table);
    }
  }

  private SocketIoServer server(String name, Duration cleanupInterval) {
    PostgresAdapterOptions options = PostgresAdapterOptions.builder().channelPrefix(prefix).tableName(table)
        .cleanupInterval(cleanupInterval).requestsTimeout(Duration.ofSeconds(3))
        .heartbeatInterval(Duration.ofSeconds(1)).heartbeatTimeout(Duration.ofSeconds(5)).build();
    SocketIoServer io = SocketIoServer.create(ServerOptions.builder()
        .adapterFactory(PostgresAdapterFactory.create(PostgresDatabase.url(), options)).build());
    io.sockets(); // the main namespace and its adapter
    io.onServerSideEvent(event -> {
      received.add(name + " " + event.name() + " " + event.arguments().size());
      if (event.hasAck()) {
        event.ack(name + ":" + event.arg(0, String.class).length());
      }
    });
    servers.add(io);
    return io;
  }

  private SocketIoServer server(String name) {
    return server(name, Duration.ofSeconds(30));
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, what);
      Thread.sleep(20);
    }
  }

  private void awaitServerCount(int count) throws InterruptedException {
    for (SocketIoServer io : servers) {
      await(() -> io.sockets().adapter().serverCount() == count, "every server counts " + count);
    }
  }

  private int attachments() {
    try (Connection c = DriverManager.getConnection(PostgresDatabase.url());
        ResultSet rows = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
      rows.next();
      return rows.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void serversCountEachOtherAndForgetOneThatCloses() throws Exception {
    SocketIoServer a = server("A");
    server("B");
    SocketIoServer c = server("C");
    awaitServerCount(3);
    c.close();
    servers.remove(c);
    // ADAPTER_CLOSE: forgotten at once, long before the heartbeat timeout would
    awaitServerCount(2);
    assertEquals(List.of("B:2"), a.serverSideEmitWithAck("ask", "hi").get(5, TimeUnit.SECONDS).stream()
        .map(x -> x.get(0, String.class)).toList());
  }

  @Test
  void largeAndBinaryPayloadsGoThroughTheAttachmentsTable() throws Exception {
    SocketIoServer a = server("A");
    server("B");
    awaitServerCount(2);

    a.serverSideEmit("small", "x");
    assertEquals("B small 1", received.poll(10, TimeUnit.SECONDS));
    assertEquals(0, attachments(), "a small message goes in the notification");

    List<Arguments> answers = a.serverSideEmitWithAck("ask", "y".repeat(9000)).get(10, TimeUnit.SECONDS);
    assertEquals("B:9000", answers.get(0).get(0, String.class));
    assertEquals("B ask 1", received.poll(10, TimeUnit.SECONDS));
    assertEquals(1, attachments(), "9000 bytes of JSON go through the table");

    a.serverSideEmit("binary", "z", new byte[] {1, 2, 3});
    assertEquals("B binary 2", received.poll(10, TimeUnit.SECONDS));
    assertEquals(2, attachments(), "binary goes through the table");
  }

  @Test
  void malformedNotificationsAreDroppedAndTheNextMessageFlows() throws Exception {
    SocketIoServer a = server("A");
    server("B");
    awaitServerCount(2);
    try (Connection c = DriverManager.getConnection(PostgresDatabase.url());
        PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
      for (String payload : List.of("not json", "[1,2]", "{\"uid\":\"x\",\"nsp\":\"/\",\"type\":3}",
          "{\"uid\":\"x\",\"nsp\":\"/\",\"type\":99,\"data\":{}}", "{\"uid\":\"x\",\"type\":9,\"attachmentId\":\"oops\"}",
          "{\"uid\":\"x\",\"type\":9,\"attachmentId\":\"999999999\"}")) {
        notify.setString(1, prefix + "#/");
        notify.setString(2, payload);
        notify.execute();
      }
    }
    a.serverSideEmit("after", "ok");
    assertEquals("B after 1", received.poll(10, TimeUnit.SECONDS));
    assertEquals(null, received.poll(200, TimeUnit.MILLISECONDS));
  }

  @Test
  void oldAttachmentsAreDeleted() throws Exception {
    SocketIoServer a = server("A", Duration.ofMillis(300));
    server("B", Duration.ofMillis(300));
    awaitServerCount(2);
    a.serverSideEmit("binary", "z", new byte[] {1});
    assertEquals("B binary 2", received.poll(10, TimeUnit.SECONDS));
    await(() -> attachments() == 0, "the attachment is deleted after the cleanup interval");
  }
}
