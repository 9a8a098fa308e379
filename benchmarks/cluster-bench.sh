#!/usr/bin/env bash
# Webhook deliveries/s of one hub node vs two nodes on the same PostgreSQL schema, with direct dispatch on and off,
# and every delivery counted once at the receiver (the run fails on a duplicate or a missing one).
# Usage: benchmarks/cluster-bench.sh [events per run, 50000] [rounds, 3]
#   (after: mvn -DskipTests install; PostgreSQL on 127.0.0.1:5432, database test, or HUB_TEST_PG_URL/_USER).
#   -Dbench.warmupRounds (1) rounds of every scenario run first, shown but not counted; the result is the median of
#   the rounds. -Dbench.steadyRate=2000 (off by default) adds, per scenario and round, -Dbench.steadySeconds (15) of
#   single-event commits at that rate and their latency to the receiver. Set JVM options with BENCH_OPTS; on a
#   shared machine run it under flock /tmp/hub-heavy.lock.
set -euo pipefail
cd "$(dirname "$0")/webhooks"
mvn -o -q package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DskipTests
exec java -Xmx1g ${BENCH_OPTS:-} -cp "target/classes:$(cat target/classpath.txt)" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    org.integrationhub.benchmarks.webhooks.ClusterBench "${1:-50000}" "${2:-3}"
