package dev.sio4j.engine;

/** The Engine.IO server: routes requests to sessions. (Being written.) */
public final class EngineServer {
  private EngineServer() {}
}
