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
install_deb nginx nginx                # the deployment tests (each starts its own, with a generated config)
install_deb tinyproxy tinyproxy        # the Java client's proxy tests: an HTTP proxy (each starts its own)
install_deb microsocks microsocks      # and a SOCKS5 proxy
# The Postgres adapter tests: PostgreSQL on 127.0.0.1:5432, database "test", user "postgres" without a password (or
# SIO4J_POSTGRES_URL, a JDBC URL, and SIO4J_POSTGRES_NODE_URL, a postgres:// URL, for another database).
if [ -z "${SIO4J_POSTGRES_URL:-}" ]; then
  install_deb pg_ctlcluster postgresql
  as_root=""; [ "$(id -u)" = 0 ] || as_root=sudo
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    $as_root pg_ctlcluster "$(ls /etc/postgresql | sort -V | tail -n 1)" main start
  fi
  if ! psql -h 127.0.0.1 -U postgres -d test -c 'SELECT 1' >/dev/null 2>&1; then
    $as_root su postgres -c "createdb test" 2>/dev/null || true
    psql -h 127.0.0.1 -U postgres -d test -c 'SELECT 1' >/dev/null 2>&1 \
      || echo "warning: cannot reach database 'test' as postgres without a password: the Postgres tests will fail" >&2
  fi
fi

mvn -B -ntp verify "$@"

# The same suite again on JDK 25 where one is installed: sio4j builds with --release 17 and must run on both. Two
# parts run once, on the first JDK: the coverage-guided fuzzing (a few minutes; the decoders it drives are pure Java),
# and the tests tagged "environment" (browsers, Redis outages, bursts over real networks: what they exercise lies
# around the JVM, and they are the suite's longest), so that both runs together stay well under 20 minutes.
jdk25=$(ls -d /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25* 2>/dev/null | head -n 1 || true)
if [ -n "$jdk25" ] && [ "${SIO4J_SKIP_JDK25:-0}" != 1 ]; then
  echo "=== The test suite on $(basename "$jdk25") ==="
  JAVA_HOME="$jdk25" mvn -B -ntp clean verify -Dsio4j.skipFuzz=true -DexcludedGroups=environment "$@"
fi
