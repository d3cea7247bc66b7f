#!/usr/bin/env bash
# Builds the benchmarks module and runs its JMH micro-benchmarks (the codecs). Arguments go to JMH, e.g.
#   benchmarks/jmh.sh                                   # every benchmark, default forks and iterations
#   benchmarks/jmh.sh CodecBenchmarks.decodeText -f 1 -wi 2 -i 3
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl benchmarks -am package -DskipTests dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" org.openjdk.jmh.Main "$@"
