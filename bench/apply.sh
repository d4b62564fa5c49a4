#!/usr/bin/env bash
# N creations against a sandbox answering every request after LATENCY_MS, with max_concurrency
# CONCURRENCY, beside the floor: a bare client (org.titansync.bench.CreateUsers) sending the same
# creates with CONCURRENCY in flight and nothing else. With BEFORE_JAR (or BEFORE, a git revision
# built in a temporary folder) an earlier build's first load runs beside this tree's. Each run gets
# a fresh sandbox; runs alternate, REPS rounds of each.
#   bench/apply.sh            (N=5000 LATENCY_MS=20 CONCURRENCY=8 REPS=3)
#   BEFORE_JAR=old.jar REPS=5 bench/apply.sh
#   BEFORE_JAR=target/titan-sync.jar BEFORE_JAVA_OPTS=-XX:TieredStopAtLevel=1 bench/apply.sh
# JAVA_OPTS and BEFORE_JAVA_OPTS: the JVM options of each (default: none, the JVM's own).
source "$(dirname "$0")/common.sh"
N=${N:-5000}
LATENCY_MS=${LATENCY_MS:-20}
CONCURRENCY=${CONCURRENCY:-8}
REPS=${REPS:-3}
PORT=${PORT:-18093}
if [ -z "${BEFORE_JAR:-}" ] && [ -n "${BEFORE:-}" ]; then
  mkdir "$WORK/before"
  git archive "$BEFORE" | tar -x -C "$WORK/before"
  (cd "$WORK/before" && mvn -B -q -DskipTests -Dspotless.check.skip=true package)
  BEFORE_JAR="$WORK/before/target/titan-sync.jar"
fi
java -cp "$CP" org.titansync.bench.District "$N" 0 "$WORK"
fresh_sandbox() {
  [ -n "$SANDBOX_PID" ] && kill "$SANDBOX_PID" 2>/dev/null && wait "$SANDBOX_PID" 2>/dev/null || true
  start_sandbox "$PORT" --seed "$WORK/seed.json" --latency-ms "$LATENCY_MS"
}
JAVA_OPTS=${JAVA_OPTS:-}
BEFORE_JAVA_OPTS=${BEFORE_JAVA_OPTS:-}
# first_load LABEL JAR [JVM OPTIONS]: a first load of the export into a fresh sandbox with a fresh state folder.
first_load() {
  rm -rf "$WORK/logs-$1"
  cat >"$WORK/config-$1.toml" <<TOML
[titan]
base_url = "http://127.0.0.1:$PORT/api/v1"
api_key = "sandbox-key"
max_concurrency = $CONCURRENCY
max_requests_per_second = 100000
[paths]
logs = "$WORK/logs-$1"
TOML
  fresh_sandbox
  TITAN_SYNC_LOG_LEVEL=INFO timed "$1" java ${3:-} -jar "$2" sync "$WORK/staff.csv" --config "$WORK/config-$1.toml"
  grep -o 'applied its plan in [0-9.]* s' "$WORK/$1.err" | grep -o '[0-9.]*' | head -1 >>"$WORK/$1.applied"
}
for _ in $(seq 1 "$REPS"); do
  fresh_sandbox
  timed floor java -cp "$CP" org.titansync.bench.CreateUsers "http://127.0.0.1:$PORT/api/v1" \
    sandbox-key "$N" "$CONCURRENCY"
  grep -o 'in [0-9.]* s' "$WORK/floor.out" | grep -o '[0-9.]*' >>"$WORK/floor.applied"
  [ -n "${BEFORE_JAR:-}" ] && first_load before "$BEFORE_JAR" "$BEFORE_JAVA_OPTS"
  first_load apply target/titan-sync.jar "$JAVA_OPTS"
done
mid() { sort -n "$WORK/$1.applied" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ideal=$(awk -v n="$N" -v l="$LATENCY_MS" -v c="$CONCURRENCY" 'BEGIN {printf "%.2f", n * l / 1000 / c}')
echo "creations: $N, latency ${LATENCY_MS} ms, max_concurrency $CONCURRENCY, $REPS rounds; ideal ${ideal}s"
echo "floor (bare client, $CONCURRENCY in flight): median $(mid floor)s"
if [ -n "${BEFORE_JAR:-}" ]; then
  echo "before ($BEFORE_JAR): apply phase median $(mid before)s, whole run $(median before 2)s, exit $(median before 4)"
fi
echo "target/titan-sync.jar: apply phase median $(mid apply)s, whole run $(median apply 2)s, exit $(median apply 4)"
# Each round's ratios to that round's floor, since the machine's load moves between rounds.
paste "$WORK/floor.applied" "$WORK/apply.applied" ${BEFORE_JAR:+"$WORK/before.applied"} |
  awk '{printf "round %d: floor %.2fs, apply %.2fx%s\n", NR, $1, $2 / $1, (NF > 2) ? sprintf(", before %.2fx", $3 / $1) : ""}'
