#!/usr/bin/env bash
# REST API benchmark (issue "Foundation"): throughput and latency of GET/POST /api/v1/tickets against a bare
# Jersey resource on the same Karaf, cold start to health 200, idle RSS. Loopback only; bounded in time.
#   usage: benchmarks/rest-bench.sh [duration-seconds]      (after `mvn -DskipTests install`)
# Needs wrk (Debian package `wrk`; installed below if missing). Prints a Markdown section for docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-20}
PORT=${HUB_BENCH_PORT:-18181}
SSH=${HUB_BENCH_SSH:-18101}
command -v wrk >/dev/null || { apt-get install -y wrk >/dev/null 2>&1 || (apt-get update >/dev/null && apt-get install -y wrk >/dev/null); }

mvn -q -f benchmarks/rest-baseline/pom.xml package -DskipTests
WORK=$(mktemp -d /tmp/hub-bench.XXXXXX)
tar xzf platform/distribution/target/hub-distribution-*.tar.gz -C "$WORK" --strip-components=1
sed -i "s/^org.osgi.service.http.port = .*/org.osgi.service.http.port = $PORT/" "$WORK/etc/org.ops4j.pax.web.cfg"
sed -i "s/^sshPort *=.*/sshPort = $SSH/" "$WORK/etc/org.apache.karaf.shell.cfg"
sed -i "s/^rmiRegistryPort *=.*/rmiRegistryPort = 11099/; s/^rmiServerPort *=.*/rmiServerPort = 44445/" "$WORK/etc/org.apache.karaf.management.cfg"
BASE=http://127.0.0.1:$PORT

"$WORK/bin/karaf" server >"$WORK/console.log" 2>&1 &
LAUNCHER=$!
T0=$(date +%s%N)
until curl -sf "$BASE/api/v1/health" >/dev/null; do sleep 0.05; done
T1=$(date +%s%N)
COLD_MS=$(( (T1 - T0) / 1000000 ))
JPID=$(pgrep -f "karaf.home=$WORK" | head -1)
cleanup() { kill "$JPID" 2>/dev/null || true; wait "$LAUNCHER" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

sleep 30   # idle: let start-up work settle
RSS_IDLE_MB=$(( $(ps -o rss= -p "$JPID") / 1024 ))

until [ -f "$WORK/etc/initial-admin-password" ]; do sleep 0.2; done
KEY=$(echo 'hub:apikey-create bench --scope admin --rate-limit 100000000' \
  | "$WORK/bin/client" -a "$SSH" -u admin -p "$(cat "$WORK/etc/initial-admin-password")" -b 2>/dev/null | awk '/key:/{print $2}')
cp benchmarks/rest-baseline/target/hub-bench-rest-baseline-*.jar "$WORK/deploy/"
until curl -sf "$BASE/bench/constant" >/dev/null; do sleep 0.1; done
ID=$(curl -s -X POST "$BASE/api/v1/tickets" -H "X-API-Key: $KEY" -H 'Content-Type: application/json' \
  -d '{"subject":"bench","description":"d","priority":"high","customer":{"email":"bench@example.com","name":"B"}}' | sed 's/.*"id":"\([0-9A-Z]*\)".*/\1/' | head -c 26)

LUA=$(mktemp /tmp/hub-bench-post.XXXXXX.lua)
cat >"$LUA" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-Key"] = "$KEY"
wrk.body = '{"subject":"Printer on fire","description":"The printer on the 3rd floor is on fire again.","priority":"high","customer":{"email":"ann@example.com","name":"Ann"}}'
LUA

run() { # name, wrk args...
  local name=$1; shift
  wrk -t2 -c32 -d5s "$@" >/dev/null 2>&1 || true            # warm-up
  local out; out=$(wrk -t2 -c32 -d"${DUR}s" --latency "$@")
  local rps p50 p99
  rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  p50=$(echo "$out" | awk '$1=="50%"{print $2}')
  p99=$(echo "$out" | awk '$1=="99%"{print $2}')
  printf '| %s | %s | %s | %s |\n' "$name" "$rps" "$p50" "$p99"
  echo "$rps" >"$WORK/rps-$name"
}

echo "### REST API ($(date -u +%Y-%m-%d), $(nproc) cores, wrk -t2 -c32 -d${DUR}s, H2 embedded)"
echo
echo "| endpoint | req/s | p50 | p99 |"
echo "|---|---|---|---|"
run baseline "$BASE/bench/constant"
run get "$BASE/api/v1/tickets/$ID" -H "X-API-Key: $KEY"
run post "$BASE/api/v1/tickets" -s "$LUA"
echo
echo "GET /api/v1/tickets/{id} = $(awk -v a="$(cat "$WORK/rps-get")" -v b="$(cat "$WORK/rps-baseline")" 'BEGIN{printf "%.0f", 100*a/b}') % of the bare Jersey resource (target ≥ 50 %)."
echo "Cold start (launch of bin/karaf server → first 200 from /api/v1/health): ${COLD_MS} ms (target < 8 s)."
echo "Idle RSS 30 s after start: ${RSS_IDLE_MB} MB (target < 350 MB)."
rm -f "$LUA"
