#!/usr/bin/env bash
# Starts the Engine.IO echo server that the official engine.io-protocol test-suite runs against
# (path /engine.io/, pingInterval 300, pingTimeout 200, maxPayload 1000000, CORS *), on port ${1:-3000}.
# Usage: engineio-echo.sh [PORT] [--binding=netty|tomcat|jetty] (default: 3000, the embedded Netty server).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl examples -am compile dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
exec java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" \
  dev.sio4j.examples.engineio.EngineIoEchoServer "$@"
