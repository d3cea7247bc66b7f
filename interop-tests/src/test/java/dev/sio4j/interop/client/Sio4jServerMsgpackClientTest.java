package dev.sio4j.interop.client;

/** The client scenarios with the msgpack parser against the sio4j server. */
class Sio4jServerMsgpackClientTest extends ClientScenarios {
  @Override
  protected TestServer start(TestServer.Spec spec) throws Exception {
    return Sio4jTestServer.start(spec);
  }

  @Override
  protected String parser() {
    return "msgpack";
  }
}
