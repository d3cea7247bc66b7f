package dev.sio4j.interop.client;

/** The client scenarios against the sio4j server. */
class Sio4jServerClientTest extends ClientScenarios {
  @Override
  protected TestServer start(TestServer.Spec spec) throws Exception {
    return Sio4jTestServer.start(spec);
  }
}
