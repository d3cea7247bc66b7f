#!/usr/bin/env bash
# Runs the whole test suite from a fresh clone: installs the real peers the tests talk to, then runs Maven.
set -euo pipefail
cd "$(dirname "$0")/.."

# The official npm packages (socket.io-client, engine.io-client, socket.io) that tests run under Node.
npm ci --prefix node --no-audit --no-fund

# Debian packages the tests run as real peers, installed where missing (as root, or through sudo).
install_deb() { # command package
  command -v "$1" >/dev/null 2>&1 && return 0
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}
install_deb chromium chromium          # the browser tests
install_deb redis-server redis-server  # the Redis adapter tests (each starts its own on a free port; sharded: 7+)

mvn -B -ntp verify "$@"

# The same suite again on JDK 25 where one is installed: sio4j builds with --release 17 and must run on both.
jdk25=$(ls -d /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25* 2>/dev/null | head -n 1 || true)
if [ -n "$jdk25" ] && [ "${SIO4J_SKIP_JDK25:-0}" != 1 ]; then
  echo "=== The test suite on $(basename "$jdk25") ==="
  JAVA_HOME="$jdk25" mvn -B -ntp clean verify "$@"
fi
