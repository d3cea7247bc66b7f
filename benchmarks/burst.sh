#!/usr/bin/env bash
# The burst scenario side by side: sio4j (default options) and the Node reference (npm socket.io, defaults), each a
# fresh process, the same official socket.io-client script as the load (interop-tests/src/test/node/socketio/burst.js:
# CLIENTS clients in one Node process, TOTAL broadcasts of SIZE bytes to their room, asked for BATCH at a time, REPS
# repetitions per run). Runs alternate between the servers ROUNDS times; each run prints its repetitions' times, the
# first of which is the cold one. A lost message fails the run.
#
#   benchmarks/burst.sh [ROUNDS] [REPS]        (defaults 3 and 10; CLIENTS, TOTAL, BATCH, SIZE from the environment)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
reps=${2:-10}
clients=${CLIENTS:-6}
total=${TOTAL:-4000}
batch=${BATCH:-100}
size=${SIZE:-16384}

[ -d node/node_modules/socket.io ] || npm ci --prefix node --no-audit --no-fund
mvn -B -ntp -q -pl benchmarks -am package -DskipTests dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
export NODE_PATH="$PWD/node/node_modules"

run() { # name command...
  local name=$1 out fifo port pid
  shift
  out=$(mktemp)
  fifo=$(mktemp -u)
  mkfifo "$fifo"
  "$@" 0 < "$fifo" > "$out" 2>&1 &
  pid=$!
  # the peer serves until its standard input closes: held open on descriptor 3 while the burst runs
  exec 3> "$fifo"
  until port=$(awk '/^listening / { print $2; exit }' "$out") && [ -n "$port" ]; do sleep 0.1; done
  node interop-tests/src/test/node/socketio/burst.js "http://127.0.0.1:$port" "$clients" "$total" "$batch" "$size" \
    "$reps" < /dev/null | grep --line-buffered -E '^(rep|LOST|ERROR)' | sed -u "s/^/$name: /" | tee "$out.lines"
  exec 3>&-
  wait "$pid" || true
  local status=0
  grep -q -E ': (LOST|ERROR)' "$out.lines" && status=1
  rm -f "$out" "$out.lines" "$fifo"
  return $status
}

for ((r = 1; r <= rounds; r++)); do
  run sio4j java -Xmx1g -cp "$cp" dev.sio4j.bench.peers.Sio4jPeer
  run node node benchmarks/src/main/node/server.js
done
