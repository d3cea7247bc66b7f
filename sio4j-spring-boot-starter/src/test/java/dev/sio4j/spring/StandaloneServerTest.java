package dev.sio4j.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sio4j.spring.internal.SocketIoLifecycle;
import dev.sio4j.testing.NodePeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Outside a web application, the starter runs sio4j's own Netty server on {@code sio4j.port} (here any free port);
 * the annotated controllers and middleware beans behave as on the servlet stack.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "sio4j.port=0")
class StandaloneServerTest {
  @Autowired
  SocketIoLifecycle lifecycle;

  private String url() {
    return "http://127.0.0.1:" + lifecycle.ownPort();
  }

  @ParameterizedTest
  @ValueSource(strings = {"polling", "websocket", "upgrade"})
  void annotatedHandlersAnswerTheOfficialClient(String mode) throws Exception {
    try (NodePeer peer = NodeScenarios.run("events", url(), mode, null)) {
      assertEquals(NodeScenarios.expectedEvents(mode, "anonymous"),
          NodeScenarios.normalized(NodeScenarios.linesUntilDone(peer)));
    }
  }

  @Test
  void aRefusingMiddlewareBeanSendsConnectError() throws Exception {
    try (NodePeer peer = NodeScenarios.run("refused", url(), "polling", null)) {
      assertEquals("connect_error forbidden {\"reason\":\"bad token\"}", peer.awaitLine(l -> true, NodeScenarios.TIMEOUT));
    }
  }
}
