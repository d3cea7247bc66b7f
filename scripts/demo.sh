#!/usr/bin/env bash
# Builds sio4j and starts the chat demo on http://localhost:3000 (PORT, or the first argument, overrides the port;
# CHAT_ADMIN_TOKEN sets the admin dashboard's token, else a random one is printed).
# Needs JDK 17+, Maven and Node.js with npm (the build brings in the official browser client, socket.io-client).
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-${PORT:-3000}}"
# Builds in the reactor and writes the demo's run-time class path (no install into the local Maven repository).
mvn -B -ntp -q -DskipTests -pl examples -am package dependency:build-classpath \
  -Dmdep.outputFile=target/demo.classpath -Dmdep.includeScope=runtime
exec java -cp "examples/target/classes:$(cat examples/target/demo.classpath)" dev.sio4j.examples.chat.ChatServer "$port"
