#!/usr/bin/env bash
# Runs the whole test suite from a fresh clone: installs the real peers the tests talk to, then runs Maven.
set -euo pipefail
cd "$(dirname "$0")/.."

# The official npm packages (socket.io-client, engine.io-client, socket.io) that tests run under Node.
npm ci --prefix node --no-audit --no-fund

# Debian's Chromium for the browser tests.
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi

# Debian's redis-server for the Redis adapter tests (each test starts its own on a free port).
if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  fi
fi

mvn -B -ntp verify "$@"

# The same suite again on JDK 25 where one is installed: sio4j builds with --release 17 and must run on both.
jdk25=$(ls -d /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25* 2>/dev/null | head -n 1 || true)
if [ -n "$jdk25" ] && [ "${SIO4J_SKIP_JDK25:-0}" != 1 ]; then
  echo "=== The test suite on $(basename "$jdk25") ==="
  JAVA_HOME="$jdk25" mvn -B -ntp clean verify "$@"
fi
