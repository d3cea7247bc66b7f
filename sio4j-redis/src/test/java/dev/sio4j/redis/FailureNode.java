package dev.sio4j.redis;

import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SocketIoServer;
import java.time.Duration;

/**
 * A cluster node run in a JVM of its own by {@link RedisFailureTest}, to be killed with SIGKILL: a server on the
 * adapter {@code args[0]} ({@code CLASSIC} or {@code SHARDED}) of Redis {@code args[1]} that answers every server-side
 * event but {@code "slow"} with {@code "child"}. Prints {@code ready} once subscribed, then runs until killed.
 */
public final class FailureNode {
  private FailureNode() {}

  public static void main(String[] args) throws Exception {
    SocketIoServer io = SocketIoServer.create(ServerOptions.builder()
        .adapterFactory(RedisFailureTest.Kind.valueOf(args[0]).factory(args[1], Duration.ofSeconds(1))).build());
    io.onServerSideEvent(event -> {
      if (!event.name().equals("slow")) {
        event.ack("child");
      }
    });
    System.out.println("ready");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
