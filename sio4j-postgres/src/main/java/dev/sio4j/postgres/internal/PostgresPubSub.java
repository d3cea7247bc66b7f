package dev.sio4j.postgres.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio4j.postgres.PostgresAdapterOptions;
import dev.sio4j.postgres.PostgresConnector;
import dev.sio4j.protocol.msgpack.MsgpackReader;
import dev.sio4j.protocol.msgpack.MsgpackWriter;
import dev.sio4j.server.adapter.ClusterMessageCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Postgres connections of one server's adapters, as the reference's {@code PubSubClient}: one connection that
 * {@code LISTEN}s to each namespace's channel, polled by a thread of its own, which dispatches every notification
 * (fetching its attachment first, when it has one) to the adapter of its namespace; and one connection, on another
 * thread of its own, that sends ({@code pg_notify}), writes the attachments and deletes the old ones every
 * {@code cleanupInterval}. Opened when the first adapter registers, closed when the last one leaves.
 *
 * <p>Order: the listening thread handles notifications one at a time, in the order Postgres delivered them (an
 * attachment is read on that thread too, so a large message does not overtake a small one); the sending thread sends in
 * the order the adapters published. Thread-safe; the listening connection is used by its thread alone (the
 * {@code LISTEN} of a new namespace is handed to it), the sending connection by the sending thread alone.
 */
public final class PostgresPubSub {
  private static final Logger log = LoggerFactory.getLogger(PostgresPubSub.class);
  /** How long one poll for notifications waits: also the longest wait of a new namespace's LISTEN. */
  private static final int POLL_MILLIS = 100;
  /** How long a new namespace waits for its LISTEN before it goes on (it is listened to at the next connection). */
  private static final long LISTEN_WAIT_SECONDS = 10;

  private final PostgresConnector connector;
  private final PostgresAdapterOptions options;
  private final ObjectMapper mapper = new ObjectMapper();
  private final Map<String, PostgresAdapter> adapters = new ConcurrentHashMap<>(); // by namespace
  private final Queue<ListenTask> listenTasks = new ConcurrentLinkedQueue<>();
  private int users; // guarded by this
  private volatile boolean running;
  private volatile int generation; // one per start: a listening thread of an earlier start ends
  private volatile ScheduledExecutorService sender;
  private volatile ExecutorService callbacks;
  private Connection sendConnection; // the sending thread's
  private long lastSendFailure; // the sending thread's, nanoTime

  /** The connections {@code connector} opens, with {@code options}. */
  public PostgresPubSub(PostgresConnector connector, PostgresAdapterOptions options) {
    this.connector = connector;
    this.options = options;
  }

  private record ListenTask(String channel, boolean listen, CompletableFuture<Void> done) {}

  /** Registers {@code adapter}, starting the threads if it is the first; blocks until its channel is listened to. */
  void register(PostgresAdapter adapter) {
    synchronized (this) {
      if (users++ == 0) {
        start();
      }
      adapters.put(adapter.namespaceName(), adapter);
    }
    ListenTask task = new ListenTask(adapter.channel(), true, new CompletableFuture<>());
    listenTasks.add(task);
    try {
      task.done().get(LISTEN_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.warn("not listening to {} yet (it will be at the next connection)", adapter.channel(), e);
    }
  }

  /** Unregisters {@code adapter}; the last one stops the threads, after what was published was sent. */
  void unregister(PostgresAdapter adapter) {
    synchronized (this) {
      if (!adapters.remove(adapter.namespaceName(), adapter)) {
        return;
      }
      listenTasks.add(new ListenTask(adapter.channel(), false, new CompletableFuture<>()));
      if (--users == 0) {
        stop();
      }
    }
  }

  private void start() {
    running = true;
    int current = ++generation;
    sender = Executors.newSingleThreadScheduledExecutor(daemon("sio4j-postgres-sender"));
    callbacks = Executors.newSingleThreadExecutor(daemon("sio4j-postgres-callbacks"));
    if (options.createTable()) {
      sender.execute(this::createTable);
    }
    long cleanup = options.cleanupInterval().toMillis();
    sender.scheduleAtFixedRate(this::cleanup, cleanup, cleanup, TimeUnit.MILLISECONDS);
    Thread listener = daemon("sio4j-postgres-listener").newThread(() -> listen(current));
    listener.start();
  }

  private void stop() {
    running = false; // the listening thread ends after its current poll
    ScheduledExecutorService s = sender;
    s.execute(() -> {
      closeQuietly(sendConnection);
      sendConnection = null;
    });
    s.shutdown(); // what was published is sent first; the cleanup stops
    callbacks.shutdown();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Where the adapters' futures and callbacks complete. */
  Executor callbackExecutor() {
    ExecutorService executor = callbacks;
    return executor == null ? Runnable::run : executor;
  }

  // --- sending (on the sending thread) ------------------------------------------------------------------------------

  /**
   * Sends {@code message} (a tree in the cluster format) on {@code channel}: as JSON in the notification, or through
   * the attachments table when it carries binary (the reference checks only the types that may carry it; any binary
   * value must go as msgpack, so every type is checked) or its JSON takes {@code payloadThreshold} bytes or more.
   */
  CompletableFuture<Void> publish(String channel, ObjectNode message) {
    CompletableFuture<Void> sent = new CompletableFuture<>();
    try {
      sender.execute(() -> {
        try {
          send(channel, message);
          sent.complete(null);
        } catch (SQLException | IOException | RuntimeException e) {
          sent.completeExceptionally(e);
        }
      });
    } catch (RuntimeException e) { // stopped
      sent.completeExceptionally(e);
    }
    return sent;
  }

  private void send(String channel, ObjectNode message) throws SQLException, IOException {
    String payload = null;
    if (!ClusterMessageCodec.hasBinary(message.get("data"))) {
      byte[] json = mapper.writeValueAsBytes(message);
      if (json.length < options.payloadThreshold()) {
        payload = new String(json, StandardCharsets.UTF_8);
      }
    }
    Connection connection = sendConnection();
    try {
      if (payload == null) {
        long id;
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO " + options.tableName() + " (payload) VALUES (?) RETURNING id")) {
          insert.setBytes(1, MsgpackWriter.encode(message));
          try (ResultSet rows = insert.executeQuery()) {
            rows.next();
            id = rows.getLong(1);
          }
        }
        ObjectNode header = mapper.createObjectNode();
        header.set("uid", message.get("uid"));
        header.set("type", message.get("type"));
        header.put("attachmentId", Long.toString(id)); // as node-postgres reads a bigserial: a string
        payload = mapper.writeValueAsString(header);
      }
      try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
        notify.setString(1, channel);
        notify.setString(2, payload);
        notify.execute();
      }
    } catch (SQLException e) {
      dropSendConnection();
      throw e;
    }
  }

  private Connection sendConnection() throws SQLException {
    if (sendConnection == null) {
      if (lastSendFailure != 0 && System.nanoTime() - lastSendFailure < options.reconnectDelay().toNanos()) {
        throw new SQLException("not connected to Postgres (waiting to connect again)");
      }
      try {
        sendConnection = connector.connect();
        sendConnection.setAutoCommit(true);
        lastSendFailure = 0;
      } catch (SQLException e) {
        lastSendFailure = System.nanoTime();
        throw e;
      }
    }
    return sendConnection;
  }

  private void dropSendConnection() {
    closeQuietly(sendConnection);
    sendConnection = null;
  }

  private void createTable() {
    try (Statement statement = sendConnection().createStatement()) {
      // the reference's documented schema
      statement.execute("CREATE TABLE IF NOT EXISTS " + options.tableName()
          + " (id bigserial UNIQUE, created_at timestamptz DEFAULT NOW(), payload bytea)");
    } catch (SQLException e) {
      dropSendConnection();
      log.warn("cannot create table {}", options.tableName(), e);
    }
  }

  private void cleanup() {
    try (PreparedStatement delete = sendConnection().prepareStatement("DELETE FROM " + options.tableName()
        + " WHERE created_at < now() - make_interval(secs => ?)")) {
      delete.setDouble(1, options.cleanupInterval().toMillis() / 1000.0);
      delete.execute();
    } catch (SQLException e) {
      dropSendConnection();
      log.warn("cannot delete the old attachments of {}", options.tableName(), e);
    }
  }

  // --- listening (on the listening thread) --------------------------------------------------------------------------

  private void listen(int started) {
    Connection connection = null;
    while (running && generation == started) {
      try {
        if (connection == null) {
          connection = connector.connect();
          connection.setAutoCommit(true);
          try (Statement statement = connection.createStatement()) {
            for (PostgresAdapter adapter : adapters.values()) {
              statement.execute("LISTEN " + quote(adapter.channel()));
            }
          }
        }
        ListenTask task;
        while ((task = listenTasks.poll()) != null) {
          try (Statement statement = connection.createStatement()) {
            statement.execute((task.listen() ? "LISTEN " : "UNLISTEN ") + quote(task.channel()));
            task.done().complete(null);
          } catch (SQLException e) {
            task.done().completeExceptionally(e);
            throw e;
          }
        }
        PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
        if (notifications != null) {
          for (PGNotification notification : notifications) {
            onNotification(connection, notification);
          }
        }
      } catch (SQLException e) {
        closeQuietly(connection);
        connection = null;
        if (running && generation == started) {
          log.warn("the listening connection to Postgres failed; connecting again in {}", options.reconnectDelay(), e);
          sleep(options.reconnectDelay().toMillis());
        }
      }
    }
    closeQuietly(connection);
    if (generation == started) {
      ListenTask task;
      while ((task = listenTasks.poll()) != null) {
        task.done().cancel(false);
      }
    }
  }

  private void onNotification(Connection connection, PGNotification notification) {
    JsonNode message;
    try {
      message = mapper.readTree(notification.getParameter());
      JsonNode attachment = message.get("attachmentId");
      if (attachment != null && !attachment.isNull()) {
        String uid = message.path("uid").asText(null);
        if (adapters.values().stream().anyMatch(a -> a.uid().equals(uid))) {
          return; // this server's own: not worth reading back
        }
        byte[] payload = attachment(connection, Long.parseLong(attachment.asText()));
        if (payload == null) {
          log.debug("attachment {} is gone", attachment);
          return;
        }
        message = MsgpackReader.decode(payload);
      }
    } catch (IOException | RuntimeException e) {
      // a malformed message from a peer: dropped, the others still flow
      log.debug("ignoring a malformed notification on {}", notification.getName(), e);
      return;
    } catch (SQLException e) {
      log.warn("cannot read an attachment on {}", notification.getName(), e);
      return;
    }
    ClusterMessageCodec.Envelope envelope = ClusterMessageCodec.decode(message);
    PostgresAdapter adapter = envelope == null ? null : adapters.get(envelope.nsp());
    if (adapter == null || !adapter.channel().equals(notification.getName())) {
      log.debug("ignoring a message of unknown type or namespace on {}", notification.getName());
      return;
    }
    try {
      adapter.receive(envelope);
    } catch (RuntimeException e) {
      // a bug must not stop the listening thread for every namespace
      log.warn("failed to handle a message on {}", notification.getName(), e);
    }
  }

  private byte[] attachment(Connection connection, long id) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT payload FROM " + options.tableName() + " WHERE id = ?")) {
      select.setLong(1, id);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getBytes(1) : null;
      }
    }
  }

  /** {@code name} as a quoted SQL identifier (a channel name holds '#', '/', '.'). */
  static String quote(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        log.debug("closing a connection failed", e);
      }
    }
  }
}
