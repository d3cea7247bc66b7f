package dev.sio4j.servlet;

import dev.sio4j.engine.binding.BadInputContract;
import dev.sio4j.engine.binding.BindingStarter;
import dev.sio4j.engine.binding.CorsContract;
import dev.sio4j.engine.binding.HandshakeContract;
import dev.sio4j.engine.binding.HeartbeatContract;
import dev.sio4j.engine.binding.MaxPayloadContract;
import dev.sio4j.engine.binding.PollingContract;
import dev.sio4j.engine.binding.SlowConsumerContract;
import dev.sio4j.engine.binding.UpgradeContract;
import org.junit.jupiter.api.Nested;

/** The binding contract of sio4j-server's test-jar, run against SocketIoServlet in embedded Jetty 12 (ee10). */
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
