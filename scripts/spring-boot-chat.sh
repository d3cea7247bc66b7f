#!/usr/bin/env bash
# Builds sio4j and starts the chat demo as a Spring Boot application on http://localhost:3000 (the first argument, or
# PORT, overrides the port): the page, the official browser client, Socket.IO, a REST endpoint (/api/messages) and
# Actuator (/actuator/health) on that one port. CHAT_ADMIN_TOKEN sets the admin dashboard's token, else a random one
# is printed. Needs JDK 17+, Maven and Node.js with npm (the build brings in the official browser client).
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-${PORT:-3000}}"
module=examples/spring-boot-chat
# Builds in the reactor and writes the application's run-time class path (no install into the local Maven repository).
mvn -B -ntp -q -DskipTests -pl "$module" -am package dependency:build-classpath \
  -Dmdep.outputFile=target/app.classpath -Dmdep.includeScope=runtime
exec java -cp "$module/target/classes:$(cat "$module/target/app.classpath")" \
  dev.sio4j.examples.springchat.SpringChatApplication "$port"
