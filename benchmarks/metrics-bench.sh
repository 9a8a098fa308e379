#!/usr/bin/env bash
# Ticket metrics (GET /api/v1/metrics/tickets's TicketService.stats()) over 1,000,000 tickets, on H2 and PostgreSQL.
# Usage: benchmarks/metrics-bench.sh [h2|postgresql] [tickets, 1000000] [timed calls, 200] [active share, 0.05]
#   (after: mvn -DskipTests install). Fills a scratch H2 file (/tmp/hub-metrics-bench) or a scratch PostgreSQL schema
#   (metrics_bench in HUB_TEST_PG_URL, default jdbc:postgresql://127.0.0.1:5432/test, user HUB_TEST_PG_USER or
#   postgres) with batch inserts, migrated by the hub's own Flyway migrations, then times the calls.
# Disk: the H2 file reached 20 GB after the 1,000,000-ticket fill (H2 appends; it is deleted at the next run's start,
#   remove /tmp/hub-metrics-bench when done); the PostgreSQL schema stays until the next run or DROP SCHEMA metrics_bench CASCADE.
# BENCH_REUSE=1 times the database of the previous run again (same ticket count) without filling it anew.
set -euo pipefail
cd "$(dirname "$0")/metrics"
mvn -o -q package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DskipTests
exec java -Xmx1g ${BENCH_OPTS:-} -cp "target/classes:$(cat target/classpath.txt)" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dh2.objectCache=false \
    org.integrationhub.benchmarks.metrics.MetricsBench "${1:-h2}" "${2:-1000000}" "${3:-200}" "${4:-0.05}"
