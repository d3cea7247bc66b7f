package dev.sio4j.interop.client;

/** The client scenarios against the Node reference server ({@code socket.io} 4.8). */
class NodeServerClientTest extends ClientScenarios {
  @Override
  protected TestServer start(TestServer.Spec spec) throws Exception {
    return NodeTestServer.start(spec);
  }
}
