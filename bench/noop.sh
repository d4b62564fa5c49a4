#!/usr/bin/env bash
# A no-op sync of an N-person export against an N-user sandbox already in sync, answering each
# request after LATENCY_MS, beside the floor: a bare client paging the same users from the same
# sandbox. Runs alternate, REPS times each.
#   bench/noop.sh            (N=100000 LATENCY_MS=20 REPS=3)
source "$(dirname "$0")/common.sh"
N=${N:-100000}
LATENCY_MS=${LATENCY_MS:-20}
REPS=${REPS:-3}
PORT=${PORT:-18092}
# The JVM options of the measured run: what the unit in deploy/ ships (JAVA_OPTS=" " for the JVM's
# own default heap, a quarter of the machine's memory).
JAVA_OPTS=${JAVA_OPTS:--Xmx2g -XX:GCTimeRatio=4 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30}
java -cp "$CP" org.titansync.bench.District "$N" "$N" "$WORK"
start_sandbox "$PORT" --seed "$WORK/seed.json" --latency-ms "$LATENCY_MS"
cat >"$WORK/config.toml" <<TOML
[titan]
base_url = "http://127.0.0.1:$PORT/api/v1"
api_key = "sandbox-key"
TOML
for _ in $(seq 1 "$REPS"); do
  timed page java -cp "$CP" org.titansync.bench.PageUsers "http://127.0.0.1:$PORT/api/v1" sandbox-key
  timed noop java $JAVA_OPTS -jar target/titan-sync.jar sync "$WORK/staff.csv" --config "$WORK/config.toml"
done
tail -n 1 "$WORK/noop.out"
cat "$WORK/times"
floor=$(median page 2); noop=$(median noop 2)
echo "people: $N, latency ${LATENCY_MS} ms"
echo "bare paging (floor): median ${floor}s wall, $(median page 3) KB max RSS"
echo "no-op sync (java $JAVA_OPTS): median ${noop}s wall, $(median noop 3) KB max RSS, exit $(median noop 4)"
awk -v a="$noop" -v b="$floor" 'BEGIN {printf "ratio no-op sync / floor: %.2f\n", a / b}'
