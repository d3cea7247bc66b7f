package dev.sio4j.interop.client;

/** The resilience scenarios against the sio4j server (behind a freezable relay). */
class Sio4jServerResilienceTest extends ClientResilience {
  @Override
  protected TestServer start(TestServer.Spec spec) throws Exception {
    return Sio4jTestServer.start(spec);
  }
}
