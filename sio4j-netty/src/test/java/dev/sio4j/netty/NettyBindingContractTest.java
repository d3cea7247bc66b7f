package dev.sio4j.netty;

import dev.sio4j.testing.binding.BadInputContract;
import dev.sio4j.testing.binding.BindingStarter;
import dev.sio4j.testing.binding.CorsContract;
import dev.sio4j.testing.binding.HandshakeContract;
import dev.sio4j.testing.binding.HeartbeatContract;
import dev.sio4j.testing.binding.MaxPayloadContract;
import dev.sio4j.testing.binding.PollingContract;
import dev.sio4j.testing.binding.SlowConsumerContract;
import dev.sio4j.testing.binding.UpgradeContract;
import org.junit.jupiter.api.Nested;

/** The binding contract (sio4j-binding-contract), run against the embedded Netty server. */
class NettyBindingContractTest {
  static final BindingStarter NETTY = TestServer.starter(n -> n);

  @Nested
  class Handshake extends HandshakeContract {
    @Override
    protected BindingStarter starter() {
      return NETTY;
    }
  }

  @Nested
  class Polling extends PollingContract {
    @Override
    protected BindingStarter starter() {
      return NETTY;
    }
  }

  @Nested
  class Upgrade extends UpgradeContract {
    @Override
    protected BindingStarter starter() {
      return NETTY;
    }
  }

  @Nested
  class Heartbeat extends HeartbeatContract {
    @Override
    protected BindingStarter starter() {
      return NETTY;
    }
  }

  @Nested
  class Cors extends CorsContract {
    @Override
    protected BindingStarter starter() {
      return NETTY;
    }
  }

  @Nested
  class MaxPayload extends MaxPayloadContract {
    @Override
    protected BindingStarter starter() {
      return NETTY;
    }
  }

  @Nested
  class BadInput extends BadInputContract {
    @Override
    protected BindingStarter starter() {
      return NETTY;
    }
  }

  @Nested
  class SlowConsumer extends SlowConsumerContract {
    @Override
    protected BindingStarter starter() {
      return NETTY;
    }
  }
}
