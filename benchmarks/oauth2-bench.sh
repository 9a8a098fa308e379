#!/usr/bin/env bash
# OAuth2 benchmark (issue "OAuth2 authorization server"): client_credentials tokens per second (RS256 JWTs) from
# the hub's token endpoint, side by side in the same run with Keycloak (org.keycloak:keycloak-quarkus-dist from
# Maven Central, kc.sh start-dev, a realm and a confidential client created through its admin REST API). Both use
# client_secret_basic and return an RS256-signed JWT access token. Each server runs alone while it is measured.
# Loopback only; bounded in time. Not part of CI.
#   usage: benchmarks/oauth2-bench.sh [duration-seconds] [connections]   (after `mvn -DskipTests install`)
# Needs wrk (Debian package, installed below if missing) and Maven (to fetch Keycloak once into ~/.m2).
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-20}
CONN=${2:-32}
KC_VERSION=${KC_VERSION:-26.7.3}
PORT=${HUB_BENCH_PORT:-18181}
SSH=${HUB_BENCH_SSH:-18101}
KC_PORT=${KC_BENCH_PORT:-18080}
command -v wrk >/dev/null || { apt-get install -y wrk >/dev/null 2>&1 || (apt-get update >/dev/null && apt-get install -y wrk >/dev/null); }
command -v unzip >/dev/null || { apt-get install -y unzip >/dev/null 2>&1 || (apt-get update >/dev/null && apt-get install -y unzip >/dev/null); }

WORK=$(mktemp -d /tmp/hub-oauth-bench.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 1; rm -rf "$WORK"; }
trap cleanup EXIT

LUA="$WORK/token.lua"
measure() { # name, url, basic-credentials -> prints a table row, stores rps
  local name=$1 url=$2 basic=$3
  cat >"$LUA" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic $basic"
wrk.body = "grant_type=client_credentials"
done = function(summary, latency, requests)
  io.write(string.format("non2xx %d\n", summary.errors.status))
end
LUA
  local check; check=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$url" -H "Authorization: Basic $basic" -d grant_type=client_credentials)
  [ "$check" = 200 ] || { echo "$name token endpoint answered $check" >&2; exit 1; }
  wrk -t2 -c"$CONN" -d10s -s "$LUA" "$url" >/dev/null 2>&1 || true      # warm-up (JIT)
  local out; out=$(wrk -t2 -c"$CONN" -d"${DUR}s" --latency -s "$LUA" "$url")
  local rps p50 p99 bad
  rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  p50=$(echo "$out" | awk '$1=="50%"{print $2}')
  p99=$(echo "$out" | awk '$1=="99%"{print $2}')
  bad=$(echo "$out" | awk '/^non2xx/{print $2}')
  printf '| %s | %s | %s | %s | %s |\n' "$name" "$rps" "$p50" "$p99" "${bad:-0}"
  echo "$rps" >"$WORK/rps-$name"
}

# --- the hub -------------------------------------------------------------------------------------------------
mkdir -p "$WORK/hub"
tar xzf platform/distribution/target/hub-distribution-*.tar.gz -C "$WORK/hub" --strip-components=1
sed -i "s/^org.osgi.service.http.port = .*/org.osgi.service.http.port = $PORT/" "$WORK/hub/etc/org.ops4j.pax.web.cfg"
sed -i "s/^sshPort *=.*/sshPort = $SSH/" "$WORK/hub/etc/org.apache.karaf.shell.cfg"
sed -i "s/^rmiRegistryPort *=.*/rmiRegistryPort = 11099/; s/^rmiServerPort *=.*/rmiServerPort = 44445/" "$WORK/hub/etc/org.apache.karaf.management.cfg"
echo "issuer = http://127.0.0.1:$PORT" >"$WORK/hub/etc/org.integrationhub.oauth2.cfg"
"$WORK/hub/bin/karaf" server >"$WORK/hub/console.log" 2>&1 &
PIDS+=($!)
until curl -sf "http://127.0.0.1:$PORT/api/v1/health" >/dev/null; do sleep 0.2; done
until [ -f "$WORK/hub/etc/initial-admin-password" ]; do sleep 0.2; done
OUT=$(echo 'hub:oauth-client-create bench --grant client_credentials --scope tickets:read' \
  | "$WORK/hub/bin/client" -a "$SSH" -u admin -p "$(cat "$WORK/hub/etc/initial-admin-password")" -b 2>/dev/null)
HUB_ID=$(echo "$OUT" | awk '/client_id:/{print $2}')
HUB_SECRET=$(echo "$OUT" | awk '/client_secret:/{print $2}')
HUB_BASIC=$(printf '%s:%s' "$HUB_ID" "$HUB_SECRET" | base64 -w0)

echo "### OAuth2 client_credentials ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, wrk -t2 -c$CONN -d${DUR}s, load $(cut -d' ' -f1 /proc/loadavg))"
echo
echo "| server | tokens/s | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|"
measure hub "http://127.0.0.1:$PORT/oauth2/token" "$HUB_BASIC"
HUB_JPID=$(pgrep -f "karaf.home=$WORK/hub" | head -1 || true)
[ -n "$HUB_JPID" ] && kill "$HUB_JPID"
kill "${PIDS[0]}" 2>/dev/null || true
sleep 3

# --- Keycloak ------------------------------------------------------------------------------------------------
KC_ZIP=~/.m2/repository/org/keycloak/keycloak-quarkus-dist/$KC_VERSION/keycloak-quarkus-dist-$KC_VERSION.zip
[ -f "$KC_ZIP" ] || mvn -q dependency:get -Dartifact=org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip -Dtransitive=false
unzip -q "$KC_ZIP" -d "$WORK"
KC_HOME="$WORK/keycloak-$KC_VERSION"
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
  "$KC_HOME/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$KC_PORT" --http-management-port="$((KC_PORT + 1000))" >"$WORK/keycloak.log" 2>&1 &
PIDS+=($!)
KC=http://127.0.0.1:$KC_PORT
for _ in $(seq 1 300); do curl -sf "$KC/realms/master" >/dev/null && break; sleep 1; done
ADMIN=$(curl -sf "$KC/realms/master/protocol/openid-connect/token" -d grant_type=password -d client_id=admin-cli \
  -d username=admin -d password=admin | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
curl -sf -X POST "$KC/admin/realms" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"realm":"bench","enabled":true}'
KC_SECRET=$(head -c 32 /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '=')
curl -sf -X POST "$KC/admin/realms/bench/clients" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d "{\"clientId\":\"bench\",\"enabled\":true,\"publicClient\":false,\"clientAuthenticatorType\":\"client-secret\",\"secret\":\"$KC_SECRET\",\"serviceAccountsEnabled\":true,\"standardFlowEnabled\":false,\"directAccessGrantsEnabled\":false}"
KC_BASIC=$(printf '%s:%s' bench "$KC_SECRET" | base64 -w0)
measure keycloak "$KC/realms/bench/protocol/openid-connect/token" "$KC_BASIC"

echo
echo "Hub / Keycloak: $(awk -v a="$(cat "$WORK/rps-hub")" -v b="$(cat "$WORK/rps-keycloak")" 'BEGIN{printf "%.2f", a/b}')× (target ≥ 2.5×)."
