#!/usr/bin/env bash
# Cold start (issue "Foundation": < 8 s to health 200, < 350 MB idle RSS), measured N times on fresh unpacks.
#   usage: benchmarks/cold-start.sh [runs]        (after `mvn -DskipTests install`; default 5 runs)
# Each run: unpack platform/distribution/target/*.tar.gz into a new temporary folder, move every port (HTTP, ssh,
# RMI) to a free one, launch `bin/karaf server`, poll GET /api/v1/health every 50 ms and print the seconds from
# launch to the first 200. The first run then idles 30 s and prints the RSS of the Karaf JVM. Each hub is stopped
# by its PID and its folder deleted before the next run. Loopback only. Run it alone on the machine
# (e.g. under `flock /tmp/hub-heavy.lock`): it measures the machine as much as the hub.
# HUB_COLD_KEEP_LOGS=dir copies each run's data/log/karaf.log there (for start-up timestamps);
# After the first 200 each run keeps polling for HUB_COLD_STABLE_SECONDS (10) and counts answers other than 200
# (the API must stay up while the rest of the boot finishes). HUB_COLD_IDLE_SECONDS=0 skips the RSS reading; HUB_COLD_ARCHIVE=file measures another archive.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
ARCHIVE=${HUB_COLD_ARCHIVE:-$(ls platform/distribution/target/hub-distribution-*.tar.gz | head -1)}
IDLE=${HUB_COLD_IDLE_SECONDS:-30}
STABLE=${HUB_COLD_STABLE_SECONDS:-10}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
set_prop() { # file key value: replace "key = ..." or "key=..." or append
  if grep -qE "^[[:space:]]*$2[[:space:]]*=" "$1"; then
    sed -i -E "s|^[[:space:]]*$2[[:space:]]*=.*|$2 = $3|" "$1"
  else
    echo "$2 = $3" >>"$1"
  fi
}

WORK=""; LAUNCHER=""; JPID=""
stop_hub() {
  if [ -n "$JPID" ] && kill -0 "$JPID" 2>/dev/null; then
    kill "$JPID" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$JPID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$JPID" 2>/dev/null || true
  fi
  if [ -n "$LAUNCHER" ]; then
    kill "$LAUNCHER" 2>/dev/null || true
    wait "$LAUNCHER" 2>/dev/null || true
  fi
  [ -n "$WORK" ] && rm -rf "$WORK"
  WORK=""; LAUNCHER=""; JPID=""
}
trap stop_hub EXIT

echo "# cold start: $(basename "$ARCHIVE"), $RUNS runs, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
TIMES=()
for run in $(seq 1 "$RUNS"); do
  WORK=$(mktemp -d /tmp/hub-cold.XXXXXX)
  tar xzf "$ARCHIVE" -C "$WORK" --strip-components=1
  PORT=$(free_port)
  set_prop "$WORK/etc/org.ops4j.pax.web.cfg" org.osgi.service.http.port "$PORT"
  set_prop "$WORK/etc/org.apache.karaf.shell.cfg" sshPort "$(free_port)"
  set_prop "$WORK/etc/org.apache.karaf.management.cfg" rmiRegistryPort "$(free_port)"
  set_prop "$WORK/etc/org.apache.karaf.management.cfg" rmiServerPort "$(free_port)"
  sync
  T0=$(date +%s%N)
  "$WORK/bin/karaf" server >"$WORK/console.log" 2>&1 &
  LAUNCHER=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$PORT/api/v1/health" || true)" = 200 ]; do
    if ! kill -0 "$LAUNCHER" 2>/dev/null; then echo "run $run: karaf exited"; cat "$WORK/console.log"; exit 1; fi
    if [ $(( ($(date +%s%N) - T0) / 1000000000 )) -gt 120 ]; then echo "run $run: no 200 within 120 s"; exit 1; fi
    sleep 0.05
  done
  T1=$(date +%s%N)
  SECONDS_TO_200=$(awk -v ns=$((T1 - T0)) 'BEGIN{printf "%.2f", ns/1e9}')
  TIMES+=("$SECONDS_TO_200")
  # the JVM is the launcher itself (bin/karaf execs java) or, on some shells, its child
  JPID=$(pgrep -f "karaf.home=$WORK" | head -1 || true)
  [ -z "$JPID" ] && JPID=$LAUNCHER
  # "reliably": after the first 200 the API must stay up while the rest of the boot finishes
  BAD=0
  END=$(( $(date +%s%N) + STABLE * 1000000000 ))
  while [ "$(date +%s%N)" -lt "$END" ]; do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$PORT/api/v1/health" || true)" = 200 ] || BAD=$((BAD + 1))
    sleep 0.05
  done
  echo "run $run: ${SECONDS_TO_200} s to health 200 (non-200 answers in the next ${STABLE} s: $BAD)"
  if [ "$run" = 1 ] && [ "$IDLE" != 0 ]; then
    sleep $(( IDLE > STABLE ? IDLE - STABLE : 0 ))
    echo "run $run: idle RSS ${IDLE} s after the first 200: $(( $(ps -o rss= -p "$JPID") / 1024 )) MB"
  fi
  if [ -n "${HUB_COLD_KEEP_LOGS:-}" ]; then
    mkdir -p "$HUB_COLD_KEEP_LOGS"
    cp "$WORK/data/log/karaf.log" "$HUB_COLD_KEEP_LOGS/karaf-$run.log" 2>/dev/null || true
  fi
  stop_hub
done
SORTED=$(printf '%s\n' "${TIMES[@]}" | sort -n)
MEDIAN=$(echo "$SORTED" | awk '{a[NR]=$1} END{ if (NR%2) printf "%.2f", a[(NR+1)/2]; else printf "%.2f", (a[NR/2]+a[NR/2+1])/2 }')
echo "all (run order): ${TIMES[*]}"
echo "median: ${MEDIAN} s   min: $(echo "$SORTED" | head -1) s   max: $(echo "$SORTED" | tail -1) s   (target < 8 s)"
