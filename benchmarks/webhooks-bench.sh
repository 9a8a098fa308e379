#!/usr/bin/env bash
# Webhook deliveries/s vs a raw Jetty client loop, and commit -> first attempt latency at half load.
# Usage: benchmarks/webhooks-bench.sh [h2|postgresql] [seconds] [events]   (after: mvn -DskipTests install)
set -euo pipefail
cd "$(dirname "$0")/webhooks"
mvn -o -q package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DskipTests
exec java -Xmx1g ${BENCH_OPTS:-} -cp "target/classes:$(cat target/classpath.txt)" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    org.integrationhub.benchmarks.webhooks.WebhookBench "${1:-h2}" "${2:-15}" "${3:-30000}"
