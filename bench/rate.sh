#!/usr/bin/env bash
# N creations against a sandbox that allows RPS requests a second (X-RateLimit-* headers on every
# answer, 429 over the limit), with the default config, beside the ideal N / RPS. HEADERS=0 drops
# the X-RateLimit-* headers (sandbox --no-rate-headers): the client finds the pace from 429s alone.
#   N=20000 RPS=200 bench/rate.sh
#   N=20000 RPS=50 HEADERS=0 bench/rate.sh
source "$(dirname "$0")/common.sh"
N=${N:-20000}
RPS=${RPS:-50}
PORT=${PORT:-18094}
HEADERS=${HEADERS:-1}
# The JVM options of the measured run: what the unit in deploy/ ships (JAVA_OPTS=" " for the JVM's
# own default heap, a quarter of the machine's memory).
JAVA_OPTS=${JAVA_OPTS:--Xmx2g -XX:GCTimeRatio=4 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:TieredStopAtLevel=1}
NO_HEADERS=()
[ "$HEADERS" = 0 ] && NO_HEADERS=(--no-rate-headers)
java -cp "$CP" org.titansync.bench.District "$N" 0 "$WORK"
start_sandbox "$PORT" --seed "$WORK/seed.json" --rps "$RPS" "${NO_HEADERS[@]}"
cat >"$WORK/config.toml" <<TOML
[titan]
base_url = "http://127.0.0.1:$PORT/api/v1"
api_key = "sandbox-key"
[guardrails]
max_update_percent = 100.0
TOML
TITAN_SYNC_LOG_LEVEL=INFO timed apply java $JAVA_OPTS -jar target/titan-sync.jar sync "$WORK/staff.csv" --config "$WORK/config.toml"
tail -n 1 "$WORK/apply.out"
wall=$(median apply 2)
rss=$(median apply 3)
applied=$(grep -o 'applied its plan in [0-9.]* s' "$WORK/apply.err" | grep -o '[0-9.]*' | head -1)
ideal=$(awk -v n="$N" -v r="$RPS" 'BEGIN {printf "%.2f", n / r}')
stats=$(curl -fs "http://127.0.0.1:$PORT/_sandbox/stats")
requests=$(echo "$stats" | grep -o '"requests":[0-9]*' | grep -o '[0-9]*$')
throttled=$(echo "$stats" | grep -o '"throttled":[0-9]*' | grep -o '[0-9]*$')
echo "creations: $N, sandbox limit ${RPS}/s (rate headers: $HEADERS), java $JAVA_OPTS, exit $(median apply 4), max RSS ${rss} KB"
echo "sandbox: $stats"
echo "ideal: ${ideal}s; apply phase: ${applied}s; whole run (JVM start to exit): ${wall}s"
awk -v a="$applied" -v w="$wall" -v i="$ideal" -v q="$requests" -v t="$throttled" \
  'BEGIN {printf "ratio apply / ideal: %.2f; whole run / ideal: %.2f; 429s: %d of %d calls (%.2f%%)\n", a / i, w / i, t, q, 100 * t / q}'
