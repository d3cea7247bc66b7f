package dev.sio4j.servlet;

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

/** The binding contract (sio4j-binding-contract), run against SocketIoServlet in embedded Jetty 12 (ee10). */
class JettyBindingContractTest {
  static final BindingStarter JETTY = Container.JETTY::starter;

  @Nested
  class Handshake extends HandshakeContract {
    @Override
    protected BindingStarter starter() {
      return JETTY;
    }
  }

  @Nested
  class Polling extends PollingContract {
    @Override
    protected BindingStarter starter() {
      return JETTY;
    }
  }

  @Nested
  class Upgrade extends UpgradeContract {
    @Override
    protected BindingStarter starter() {
      return JETTY;
    }
  }

  @Nested
  class Heartbeat extends HeartbeatContract {
    @Override
    protected BindingStarter starter() {
      return JETTY;
    }
  }

  @Nested
  class Cors extends CorsContract {
    @Override
    protected BindingStarter starter() {
      return JETTY;
    }
  }

  @Nested
  class MaxPayload extends MaxPayloadContract {
    @Override
    protected BindingStarter starter() {
      return JETTY;
    }
  }

  @Nested
  class BadInput extends BadInputContract {
    @Override
    protected BindingStarter starter() {
      return JETTY;
    }
  }

  @Nested
  class SlowConsumer extends SlowConsumerContract {
    @Override
    protected BindingStarter starter() {
      return JETTY;
    }
  }
}
