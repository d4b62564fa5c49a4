#!/usr/bin/env bash
# N creations against a sandbox answering every request after LATENCY_MS, with max_concurrency
# CONCURRENCY, beside the ideal N x LATENCY_MS / CONCURRENCY.
#   bench/apply.sh            (N=5000 LATENCY_MS=20 CONCURRENCY=8)
source "$(dirname "$0")/common.sh"
N=${N:-5000}
LATENCY_MS=${LATENCY_MS:-20}
CONCURRENCY=${CONCURRENCY:-8}
PORT=${PORT:-18093}
java -cp "$CP" org.titansync.bench.District "$N" 0 "$WORK"
start_sandbox "$PORT" --seed "$WORK/seed.json" --latency-ms "$LATENCY_MS"
cat >"$WORK/config.toml" <<TOML
[titan]
base_url = "http://127.0.0.1:$PORT/api/v1"
api_key = "sandbox-key"
max_concurrency = $CONCURRENCY
max_requests_per_second = 100000
TOML
TITAN_SYNC_LOG_LEVEL=INFO timed apply java -jar target/titan-sync.jar sync "$WORK/staff.csv" --config "$WORK/config.toml"
tail -n 1 "$WORK/apply.out"
wall=$(median apply 2)
applied=$(grep -o 'applied its plan in [0-9.]* s' "$WORK/apply.err" | grep -o '[0-9.]*' | head -1)
ideal=$(awk -v n="$N" -v l="$LATENCY_MS" -v c="$CONCURRENCY" 'BEGIN {printf "%.2f", n * l / 1000 / c}')
stats=$(curl -fs "http://127.0.0.1:$PORT/_sandbox/stats")
echo "creations: $N, latency ${LATENCY_MS} ms, max_concurrency $CONCURRENCY, exit $(median apply 4)"
echo "sandbox: $stats"
echo "ideal: ${ideal}s; apply phase: ${applied}s; whole run (JVM start to exit): ${wall}s"
awk -v a="$applied" -v w="$wall" -v i="$ideal" 'BEGIN {printf "ratio apply / ideal: %.2f; whole run / ideal: %.2f\n", a / i, w / i}'
