#!/usr/bin/env bash
# Builds sio4j and starts the chat demo on http://localhost:3000 (PORT, or a port given as argument, overrides the port;
# CHAT_ADMIN_TOKEN sets the admin dashboard's token, else a random one is printed; ADMIN_USER and ADMIN_PASSWORD set
# the Socket.IO Admin UI's credentials, else generated ones are printed). --parser=msgpack makes the server
# speak socket.io-msgpack-parser, and the page then loads /socket.io/socket.io.msgpack.min.js.
# Needs JDK 17+, Maven and Node.js with npm (the build brings in the official browser client, socket.io-client).
set -euo pipefail
cd "$(dirname "$0")/.."
port="${PORT:-3000}"
options=()
for arg in "$@"; do
  case "$arg" in
    --parser=*) options+=("$arg") ;;
    *) port="$arg" ;;
  esac
done
# Builds in the reactor and writes the demo's run-time class path (no install into the local Maven repository).
mvn -B -ntp -q -DskipTests -pl examples -am package dependency:build-classpath \
  -Dmdep.outputFile=target/demo.classpath -Dmdep.includeScope=runtime
exec java -cp "examples/target/classes:$(cat examples/target/demo.classpath)" dev.sio4j.examples.chat.ChatServer \
  "$port" ${options[@]+"${options[@]}"}
