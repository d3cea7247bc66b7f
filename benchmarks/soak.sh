#!/usr/bin/env bash
# The soak test (not part of CI): one sio4j server with its default options and connection state recovery, and
# CLIENTS official npm socket.io-client connections that connect, join rooms, emit with acks, drop their transport
# and recover, disconnect and come back at random, with a broadcast storm every minute, for MINUTES minutes. The
# server samples itself every 10 s (RSS, heap after GC, heap in use, direct memory, threads, descriptors) into a CSV;
# at the end the script plots it to a PNG and writes a summary that says whether anything grows after the first five
# minutes.
#
#   benchmarks/soak.sh [--clients=2000] [--minutes=30] [--out=benchmarks/results]
set -euo pipefail
cd "$(dirname "$0")/.."

clients=2000
minutes=30
out=benchmarks/results
for a in "$@"; do
  case "$a" in
    --clients=*) clients="${a#*=}" ;;
    --minutes=*) minutes="${a#*=}" ;;
    --out=*) out="${a#*=}" ;;
    *) echo "unknown option $a" >&2; exit 2 ;;
  esac
done

if [ ! -d node/node_modules/socket.io-client ]; then
  npm ci --prefix node --no-audit --no-fund
fi
mvn -B -ntp -q -pl benchmarks -am package -DskipTests dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

stamp=$(date -u +%Y%m%d-%H%M%S)
mkdir -p "$out"
csv="$out/soak-$stamp.csv"
log=$(mktemp)
# the benchmarks' JVM settings for servers
# Native memory tracking (a summary's cost, a few percent) says which part of the JVM the resident memory that is
# not heap or direct buffers belongs to: a baseline after the warm-up, and the difference at the end.
java -Xms256m -Xmx2g -XX:+UseG1GC -XX:NativeMemoryTracking=summary -cp "$cp" dev.sio4j.bench.soak.SoakServer 0 "$csv" \
  > "$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 100); do
  port=$(sed -n 's/^listening \([0-9]*\)$/\1/p' "$log")
  [ -n "$port" ] && break
  sleep 0.2
done
[ -n "$port" ] || { cat "$log"; echo "the soak server did not start" >&2; exit 1; }

echo "soak: $clients clients for $minutes min against port $port; samples in $csv"
warm=$(( minutes > 10 ? 300 : minutes * 30 ))
(sleep "$warm" && jcmd "$server" VM.native_memory baseline >/dev/null 2>&1) &
baseline=$!
NODE_PATH=node/node_modules node benchmarks/src/main/node/soak-driver.js "http://127.0.0.1:$port" "$clients" \
  "$minutes" | tee "$out/soak-$stamp-driver.log"
wait "$baseline" 2>/dev/null || true
jcmd "$server" VM.native_memory summary.diff > "$out/soak-$stamp-nmt.txt" 2>&1 || true
kill "$server"
wait "$server" 2>/dev/null || true

summary="$out/soak-$stamp.md"
{
  echo "# Soak test, $stamp"
  echo
  echo "Command: \`benchmarks/soak.sh --clients=$clients --minutes=$minutes\`; plot: \`soak-$stamp.png\`; samples:"
  echo "\`soak-$stamp.csv\`; the driver's counters per minute: \`soak-$stamp-driver.log\`; native memory, what"
  echo "changed from the end of the warm-up to the end: \`soak-$stamp-nmt.txt\`."
  echo
  echo "Driver summary: \`$(grep '^summary' "$out/soak-$stamp-driver.log" | cut -c9-)\`"
  echo
  java -cp "$cp" dev.sio4j.bench.soak.SoakPlot "$csv" "$out/soak-$stamp.png" 300
} > "$summary"
cat "$summary"
