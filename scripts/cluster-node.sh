#!/usr/bin/env bash
# Starts one member of a Socket.IO cluster on PORT: the embedded Netty server with a cluster adapter and connection
# state recovery (2 minutes), serving the conformance contract ("auth" emitted on connection, "message" answered by
# "message-back", "message-with-ack" acknowledged) plus cluster-wide events: "join"(room), "emit-to"(room, ...args)
# (io.to(room).emit("msg", ...args)), "count" (acked with the size of the cluster-wide fetchSockets()), "ask-all"(x)
# (serverSideEmitWithAck("ping", x), acked with the answers); "server" emitted on connection with the node's name.
# Usage: cluster-node.sh PORT --adapter=redis|redis-sharded|redis-streams|postgres [--redis=URI] [--postgres=JDBC_URL]
#   [--name=NAME] (Redis at redis://127.0.0.1:6379 and PostgreSQL at
#   jdbc:postgresql://127.0.0.1:5432/test?user=postgres by default; the name defaults to PORT; redis-sharded needs
#   Redis 7+)
set -euo pipefail
cd "$(dirname "$0")/.."
# package, not compile: the reactor resolves the test jars some modules depend on only then (nothing is installed)
mvn -B -ntp -q -DskipTests -pl examples -am package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
exec java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" \
  dev.sio4j.examples.cluster.ClusterNode "$@"
