#!/usr/bin/env bash
# Builds sio4j, the benchmark peers and the load generator, then runs the benchmark matrix (a server at a time,
# each scenario repeated) and writes the table of medians to benchmarks/results/.
#
#   benchmarks/run.sh [--pin] [--name=value ...]
#
#   --pin           server on CPU 0, load generator on CPU 1 (taskset); other --name=value options go to the
#                   runner: benchmarks/run.sh --help lists them with their defaults.
#   --two-node      the two-node fan-out over one redis-server instead of the matrix (TwoNodeFanout)
# Examples:
#   benchmarks/run.sh --pin                                   # the full matrix with default sizes
#   benchmarks/run.sh --servers=bare,sio4j --reps=1 --connections=1000
#   benchmarks/run.sh --pin --servers=bare,sio4j --scenarios=connect --connections=100000 --sources=8
#   benchmarks/run.sh --two-node --reps=3 --fanout-clients=1000 --broadcasts=500
#   benchmarks/run.sh --pin --scenarios=openloop --rates=5000,10000,20000     # open-loop echo latency
#   benchmarks/run.sh --pin --servers=node,sio4j --scenarios=storm            # reconnect storm, cold servers
#   benchmarks/run.sh --pin --scenarios=slow --slow-clients=1000              # slow consumer policies (sio4j)
set -euo pipefail
cd "$(dirname "$0")/.."

# The report quotes the command as typed.
export SIO4J_BENCH_ARGS="$*"
pin=false
main=dev.sio4j.bench.Runner
args=()
for a in "$@"; do
  if [ "$a" = "--pin" ]; then pin=true
  elif [ "$a" = "--two-node" ]; then main=dev.sio4j.bench.TwoNodeFanout
  else args+=("$a"); fi
done

# The Node reference peer: the official socket.io package from npm, as pinned in node/package-lock.json.
if [ ! -d node/node_modules/socket.io ]; then
  npm ci --prefix node --no-audit --no-fund
fi

# sio4j, the bare Netty peer, the load generator (reactor build; nothing is installed into ~/.m2).
mvn -B -ntp -q -pl benchmarks -am package -DskipTests dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
# netty-socketio, built apart on the Netty 4.1 it was released against.
mvn -B -ntp -q -f benchmarks/peer-netty-socketio/pom.xml package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime

cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
nsio_cp="$PWD/benchmarks/peer-netty-socketio/target/classes:$(cat benchmarks/peer-netty-socketio/target/classpath.txt)"

# Every connection is a file descriptor on each side: raise the limit as far as allowed.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

runner=(java -Xms512m -Xmx2g -cp "$cp" "$main" "--netty-socketio-classpath=$nsio_cp")
if $pin; then
  if [ "$(nproc --all)" -lt 2 ]; then
    echo "--pin needs two CPUs" >&2
    exit 1
  fi
  export SIO4J_BENCH_LOADGEN_CPUS=1
  exec taskset -c 1 "${runner[@]}" --server-cpus=0 "${args[@]}"
fi
exec "${runner[@]}" "${args[@]}"
