package dev.sio4j.interop.client;

/**
 * The client scenarios with the msgpack parser against the Node reference server ({@code socket.io} 4.8 with
 * {@code socket.io-msgpack-parser} 3.x).
 */
class NodeServerMsgpackClientTest extends ClientScenarios {
  @Override
  protected TestServer start(TestServer.Spec spec) throws Exception {
    return NodeTestServer.start(spec);
  }

  @Override
  protected String parser() {
    return "msgpack";
  }
}
