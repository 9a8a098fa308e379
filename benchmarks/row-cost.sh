#!/usr/bin/env bash
# The cost of a delivery's three row writes on embedded H2, with the delivery indexes before (v12) and after (v13)
# migration V13, (settled) a delivery written once, after its attempt (settled1: without its attempt row), (ledger,
# ledger-pk) one insert-only row per delivery with / without a log index, and (journal) the floor of the
# append-only delivery journal the engine writes since V41: a batch's outcomes as one appended row. Usage: benchmarks/row-cost.sh [deliveries] [batch]   (after: mvn -DskipTests install)
set -euo pipefail
cd "$(dirname "$0")/webhooks"
mvn -o -q package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DskipTests
for variant in ${ROW_COST_VARIANTS:-v12 v13 settled journal v12 v13 settled journal}; do
  java -cp "target/classes:$(cat target/classpath.txt)" org.integrationhub.benchmarks.webhooks.RowCost \
      "$variant" "${1:-30000}" "${2:-100}"
done
