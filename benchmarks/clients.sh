#!/usr/bin/env bash
# What a connected client costs the process that holds it: sio4j-client against the official Java client 2.1.1, in one
# run (ClientFootprint): heap after GC, resident memory, threads and idle CPU per connected client, each client in a
# JVM of its own, repetitions interleaved. Writes benchmarks/results/clients-<time>.md.
#
#   benchmarks/clients.sh [--clients=500] [--reps=3] [--idle-seconds=10]
set -euo pipefail
cd "$(dirname "$0")/.."

# sio4j and its client (reactor build; nothing is installed into ~/.m2).
mvn -B -ntp -q -pl benchmarks -am package -DskipTests dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
# the official client, built apart on the OkHttp 3.12 it was released against
mvn -B -ntp -q -f benchmarks/peer-official-java-client/pom.xml package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime

cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
official="$PWD/benchmarks/peer-official-java-client/target/classes:$(cat benchmarks/peer-official-java-client/target/classpath.txt)"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec java -Xmx1g -cp "$cp" dev.sio4j.bench.ClientFootprint "--official-classpath=$official" "$@"
