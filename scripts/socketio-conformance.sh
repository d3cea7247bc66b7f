#!/usr/bin/env bash
# Starts the Socket.IO server that the official socket.io-protocol test-suite runs against (path /socket.io/,
# pingInterval 300, pingTimeout 200, connectTimeout 1000, maxPayload 1000000; "auth" emitted on connection to / and
# /custom; "message" answered by "message-back", "message-with-ack" acknowledged), on port ${1:-3000}.
# Usage: socketio-conformance.sh [PORT] [--binding=netty|tomcat|jetty|spring] [--parser=json|msgpack] [--allow-eio3]
# (default: 3000, the embedded Netty server, the JSON parser; spring: a Spring Boot application with
# sio4j-spring-boot-starter on its embedded Tomcat, configured by sio4j.* properties, from examples/spring-boot-chat,
# JSON only and v4 only; msgpack: clients must use socket.io-msgpack-parser; --allow-eio3: Engine.IO v3 clients such
# as socket.io-client 2.x are served too).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ " $* " == *" --binding=spring "* ]]; then
  module=examples/spring-boot-chat
  # As scripts/spring-boot-chat.sh: package (the reactor resolves the test jars some modules depend on only then),
  # without tests and without installing anything.
  mvn -B -ntp -q -DskipTests -pl "$module" -am package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
  exec java -cp "$module/target/classes:$(cat "$module/target/classpath.txt")" \
    dev.sio4j.examples.springconformance.SpringConformanceApplication "$@"
fi
mvn -B -ntp -q -pl examples -am compile dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
exec java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" \
  dev.sio4j.examples.conformance.SocketIoConformanceServer "$@"
