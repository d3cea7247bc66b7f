package dev.sio4j.netty.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.protocol.engineio.EngineIoPacketType;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Frames leave in the order {@link NettyWebSocketConnection#write} was called, whichever thread calls it. The
 * session's serial executor runs its flushes on whatever thread submits (a handler thread, or the channel's I/O thread
 * when a write completes), so a write made on the I/O thread must not overtake writes still queued on it.
 */
class NettyWebSocketConnectionOrderTest {
  private EventLoopGroup group;
  private Channel server;
  private Channel channel;
  private final List<String> written = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    group = new DefaultEventLoopGroup(1);
    LocalAddress address = new LocalAddress("order-" + System.nanoTime());
    server = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
        .childHandler(new ChannelInboundHandlerAdapter()).bind(address).sync().channel();
    channel = new Bootstrap().group(group).channel(LocalChannel.class).handler(new ChannelInitializer<Channel>() {
      @Override
      protected void initChannel(Channel ch) {
        // records each frame's text and stops it there (the peer is irrelevant)
        ch.pipeline().addLast(new ChannelOutboundHandlerAdapter() {
          @Override
          public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof TextWebSocketFrame frame) {
              written.add(frame.text());
            }
            ReferenceCountUtil.release(msg);
            promise.trySuccess();
          }
        });
      }
    }).connect(address).sync().channel();
  }

  @AfterEach
  void stop() throws Exception {
    channel.close().sync();
    server.close().sync();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  private static List<EngineIoPacket> message(String text) {
    return List.of(EngineIoPacket.of(EngineIoPacketType.MESSAGE, text));
  }

  @Test
  void aWriteOnTheIoThreadDoesNotOvertakeAQueuedOne() throws Exception {
    NettyWebSocketConnection connection = new NettyWebSocketConnection(channel, 1000);
    CountDownLatch queued = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(3);
    // the I/O thread is busy (as while it completes an earlier write) when another thread writes "1"
    channel.eventLoop().execute(() -> {
      try {
        assertTrue(queued.await(5, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      // then the session's next flush runs here, on the I/O thread
      connection.write(message("2"), true, done::countDown);
      connection.write(message("3"), true, done::countDown);
    });
    connection.write(message("1"), true, done::countDown);
    queued.countDown();
    assertTrue(done.await(5, TimeUnit.SECONDS));
    assertEquals(List.of("41", "42", "43"), written);
  }
}
