package dev.sio4j.interop.client;

/** The resilience scenarios against the Node reference server ({@code socket.io} 4.8). */
class NodeServerResilienceTest extends ClientResilience {
  @Override
  protected TestServer start(TestServer.Spec spec) throws Exception {
    return NodeTestServer.start(spec);
  }
}
