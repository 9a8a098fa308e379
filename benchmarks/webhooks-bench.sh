#!/usr/bin/env bash
# Webhook deliveries/s vs a raw Jetty client loop, and commit -> first attempt latency at half load.
# Usage: benchmarks/webhooks-bench.sh [h2|postgresql] [seconds per raw run, 8] [events per hub run, 100000]
#   (after: mvn -DskipTests install). -Dbench.warmup (200000) events are delivered first; then -Dbench.warmupRounds (2)
#   and -Dbench.rounds (5) hub runs alternate with raw runs, the warm-up rounds shown but not counted (the JIT is still
#   at work in them); the ratio is the median of the rounds. Set JVM options with BENCH_OPTS.
set -euo pipefail
cd "$(dirname "$0")/webhooks"
mvn -o -q package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DskipTests
# -Dh2.objectCache=false as the distribution's bin/setenv sets it
exec java -Xmx1g ${BENCH_OPTS:-} -cp "target/classes:$(cat target/classpath.txt)" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dh2.objectCache=false \
    org.integrationhub.benchmarks.webhooks.WebhookBench "${1:-h2}" "${2:-8}" "${3:-100000}"
