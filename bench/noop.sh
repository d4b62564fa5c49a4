#!/usr/bin/env bash
# A no-op sync of an N-person export against an N-user sandbox already in sync, answering each
# request after LATENCY_MS, beside the floor: a bare reader that pages the same sites, roles and
# users from the same sandbox, reading every token, while on another thread it reads every token of
# the state folder's memory of that Titan (logs/memory/, which a run reads) and then splits every
# line of the same export (org.titansync.bench.PageUsers --csv). With BEFORE_JAR (or BEFORE, a git
# revision built in a temporary folder) an earlier build's no-op runs beside this tree's. Runs
# alternate, REPS rounds of each.
#   bench/noop.sh                                (N=100000 LATENCY_MS=20 REPS=3)
#   BEFORE=3f65ea1 REPS=5 bench/noop.sh
source "$(dirname "$0")/common.sh"
N=${N:-100000}
LATENCY_MS=${LATENCY_MS:-20}
REPS=${REPS:-3}
PORT=${PORT:-18092}
# The JVM options of the measured run: what the unit in deploy/ ships (JAVA_OPTS=" " for the JVM's
# own default heap, a quarter of the machine's memory).
JAVA_OPTS=${JAVA_OPTS:--Xmx2g -XX:GCTimeRatio=4 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:TieredStopAtLevel=1}
if [ -z "${BEFORE_JAR:-}" ] && [ -n "${BEFORE:-}" ]; then
  mkdir "$WORK/before"
  git archive "$BEFORE" | tar -x -C "$WORK/before"
  (cd "$WORK/before" && mvn -B -q -DskipTests -Dspotless.check.skip=true package)
  BEFORE_JAR="$WORK/before/target/titan-sync.jar"
fi
java -cp "$CP" org.titansync.bench.District "$N" "$N" "$WORK"
start_sandbox "$PORT" --seed "$WORK/seed.json" --latency-ms "$LATENCY_MS"
cat >"$WORK/config.toml" <<TOML
[titan]
base_url = "http://127.0.0.1:$PORT/api/v1"
api_key = "sandbox-key"
[paths]
logs = "$WORK/logs"
TOML
# The earlier build keeps its own state folder: a later version's files need not read in an earlier one.
sed "s|$WORK/logs|$WORK/logs-before|" "$WORK/config.toml" >"$WORK/config-before.toml"
# One run of each first, untimed: the first run against a state folder takes over what Titan's
# people hold (titan-sync's memory of that Titan, one audit line per person), which is not a no-op.
java $JAVA_OPTS -jar target/titan-sync.jar sync "$WORK/staff.csv" --config "$WORK/config.toml" >/dev/null 2>&1
if [ -n "${BEFORE_JAR:-}" ]; then
  java $JAVA_OPTS -jar "$BEFORE_JAR" sync "$WORK/staff.csv" --config "$WORK/config-before.toml" >/dev/null 2>&1
fi
for _ in $(seq 1 "$REPS"); do
  timed floor java -cp "$CP" org.titansync.bench.PageUsers "http://127.0.0.1:$PORT/api/v1" \
    sandbox-key --csv "$WORK/staff.csv" "$WORK"/logs/memory/*.json
  if [ -n "${BEFORE_JAR:-}" ]; then
    timed before java $JAVA_OPTS -jar "$BEFORE_JAR" sync "$WORK/staff.csv" --config "$WORK/config-before.toml"
  fi
  timed noop java $JAVA_OPTS -jar target/titan-sync.jar sync "$WORK/staff.csv" --config "$WORK/config.toml"
done
tail -n 1 "$WORK/noop.out"
cat "$WORK/times"
floor=$(median floor 2); noop=$(median noop 2)
echo "people: $N, latency ${LATENCY_MS} ms, $REPS rounds"
echo "floor (paging and reading the export): median ${floor}s wall, $(median floor 3) KB max RSS"
if [ -n "${BEFORE_JAR:-}" ]; then
  before=$(median before 2)
  echo "no-op sync, $BEFORE_JAR: median ${before}s wall, $(median before 3) KB max RSS, exit $(median before 4)"
  awk -v a="$before" -v b="$floor" 'BEGIN {printf "ratio before / floor: %.2f\n", a / b}'
fi
echo "no-op sync, target/titan-sync.jar (java $JAVA_OPTS): median ${noop}s wall, $(median noop 3) KB max RSS, exit $(median noop 4)"
awk -v a="$noop" -v b="$floor" 'BEGIN {printf "ratio no-op sync / floor: %.2f\n", a / b}'
# Each round's ratios, since the machine's load moves between rounds.
awk '$1=="floor" {f[++i]=$2} $1=="before" {b[++j]=$2} $1=="noop" {n[++k]=$2}
  END {for (r = 1; r <= i; r++) printf "round %d: floor %.2fs%s, no-op %.2fx\n", r, f[r],
    (r in b) ? sprintf(", before %.2fx", b[r] / f[r]) : "", n[r] / f[r]}' "$WORK/times"
