#!/usr/bin/env bash
# Drop-to-callable latency of a connector jar (issue "Connector runtime"), median of N (default 10):
#   move hub-plugin-example into deploy/ (one atomic rename) → POST /api/v1/integrations/bench/actions/notify every
#   20 ms until 200 → remove the jar → wait until the action answers 503 (connector gone) → repeat.
# The http-notify instance "bench" is configured by etc/org.integrationhub.connector.httpnotify-bench.cfg before the
# start and posts to a loopback python receiver. Loopback only; the hub runs from a temporary directory.
#   usage: benchmarks/drop-to-callable.sh [runs]     (after `mvn -DskipTests install` of the distribution and
#          plugins/example; wrap in `flock /tmp/hub-heavy.lock` on shared machines)
# Prints a Markdown section for docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-10}
PORT=${HUB_BENCH_PORT:-18281}
SSH=${HUB_BENCH_SSH:-18201}
RECEIVER_PORT=${HUB_BENCH_RECEIVER_PORT:-18299}
JAR=$(ls plugins/example/target/hub-plugin-example-*.jar | grep -v -e sources -e tests | head -1)
WORK=$(mktemp -d /tmp/hub-drop-bench.XXXXXX)
tar xzf platform/distribution/target/hub-distribution-*.tar.gz -C "$WORK" --strip-components=1
sed -i "s/^org.osgi.service.http.port = .*/org.osgi.service.http.port = $PORT/" "$WORK/etc/org.ops4j.pax.web.cfg"
sed -i "s/^sshPort *=.*/sshPort = $SSH/" "$WORK/etc/org.apache.karaf.shell.cfg"
sed -i "s/^rmiRegistryPort *=.*/rmiRegistryPort = 11199/; s/^rmiServerPort *=.*/rmiServerPort = 44545/" "$WORK/etc/org.apache.karaf.management.cfg"
printf 'integration.name = bench\nintegration.events = *\nurl = http://127.0.0.1:%s/hook\nquotaPerSecond = 1000\n' \
  "$RECEIVER_PORT" >"$WORK/etc/org.integrationhub.connector.httpnotify-bench.cfg"
BASE=http://127.0.0.1:$PORT
POLL=$(grep -E '^felix.fileinstall.poll' "$WORK/etc/org.apache.felix.fileinstall-deploy.cfg" | awk -F= '{gsub(/ /,"",$2); print $2}')

python3 - "$RECEIVER_PORT" >"$WORK/receiver.log" 2>&1 <<'PY' &
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
class H(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get('Content-Length', 0)))
        self.send_response(200); self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', '2'); self.end_headers(); self.wfile.write(b'{}')
    def log_message(self, *a): pass
ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()
PY
RECEIVER=$!
"$WORK/bin/karaf" server >"$WORK/console.log" 2>&1 &
LAUNCHER=$!
cleanup() {
  local jpid; jpid=$(pgrep -f "karaf.home=$WORK" | head -1 || true)
  [ -n "$jpid" ] && kill "$jpid" 2>/dev/null || true
  kill "$RECEIVER" 2>/dev/null || true
  wait "$LAUNCHER" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
until curl -sf "$BASE/api/v1/health" >/dev/null; do sleep 0.1; done
until [ -f "$WORK/etc/initial-admin-password" ]; do sleep 0.2; done
KEY=$(echo 'hub:apikey-create bench --scope integrations:execute --rate-limit unlimited' \
  | "$WORK/bin/client" -a "$SSH" -u admin -p "$(cat "$WORK/etc/initial-admin-password")" -b 2>/dev/null | awk '/key:/{print $2}')
[ -n "$KEY" ] || { echo "no API key created" >&2; exit 1; }
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

call() { curl -s -o /dev/null -w '%{http_code}' -X POST "$BASE/api/v1/integrations/bench/actions/notify" \
  -H "X-API-Key: $KEY" -H 'Content-Type: application/json' -d '{"text":"bench"}'; }
[ "$(call)" = 503 ] || { echo "expected 503 before the first drop" >&2; exit 1; }
mkdir -p "$WORK/staging"
SAMPLES=()
for i in $(seq 1 "$RUNS"); do
  cp "$JAR" "$WORK/staging/hub-plugin-example.jar"
  T0=$(date +%s%N)
  mv "$WORK/staging/hub-plugin-example.jar" "$WORK/deploy/hub-plugin-example.jar"
  until [ "$(call)" = 200 ]; do sleep 0.02; done
  T1=$(date +%s%N)
  SAMPLES+=($(( (T1 - T0) / 1000000 )))
  rm "$WORK/deploy/hub-plugin-example.jar"
  until [ "$(call)" = 503 ]; do sleep 0.05; done
  sleep 0.5
done
# cost of one poll (curl start-up + the action) once callable, for reading the figures
cp "$JAR" "$WORK/deploy/hub-plugin-example.jar"
until [ "$(call)" = 200 ]; do sleep 0.05; done
C0=$(date +%s%N); for _ in 1 2 3 4 5 6 7 8 9 10; do call >/dev/null; done; C1=$(date +%s%N)
POLL_COST=$(( (C1 - C0) / 10000000 ))
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

SORTED=($(printf '%s\n' "${SAMPLES[@]}" | sort -n))
N=${#SORTED[@]}
if (( N % 2 )); then MEDIAN=${SORTED[$((N / 2))]}; else MEDIAN=$(( (SORTED[N / 2 - 1] + SORTED[N / 2]) / 2 )); fi
echo "### Drop-to-callable, median of $N ($(date -u +%Y-%m-%d), $(nproc) cores, H2, felix.fileinstall.poll = $POLL ms)"
echo
echo "Samples (ms, in run order): ${SAMPLES[*]}"
echo "Median **${MEDIAN} ms**, min ${SORTED[0]} ms, max ${SORTED[$((N - 1))]} ms (target < 1 s)."
echo "One poll (curl start-up + the action) costs ≈${POLL_COST} ms; polls are 20 ms apart."
echo "Load average before / after: $LOAD_BEFORE / $LOAD_AFTER."
