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
# sio4j-client's JVM gets sio4j-client's dependencies (and the benchmarks' logging), as the official client's gets its
# own: with every benchmark dependency on its class path it would open some ninety jars, counted as per-client heap.
client_jar=$(ls sio4j-client/target/sio4j-client-*.jar | grep -v -e sources -e javadoc -e tests | head -1)
logging=$(tr ':' '\n' < benchmarks/target/classpath.txt | grep -E '/logback-(classic|core)-' | paste -sd: -)
sio4j="$PWD/benchmarks/target/classes:$PWD/$client_jar:$(cat sio4j-client/target/classpath.txt):$logging"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec java -Xmx1g -cp "$cp" dev.sio4j.bench.ClientFootprint "--official-classpath=$official" "--sio4j-classpath=$sio4j" "$@"
