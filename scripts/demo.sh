#!/usr/bin/env bash
# Builds sio4j and starts the chat demo on http://localhost:3000 (PORT overrides the port).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -DskipTests install -pl examples -am
exec mvn -B -ntp -q -pl examples exec:java -Dexec.mainClass=dev.sio4j.examples.chat.ChatServer -Dexec.args="${PORT:-3000}"
