#!/usr/bin/env bash
# Issue 24's benchmark: a whole cycle of no-op runs over DISTRICTS districts of N staff each, all in
# sync, in one `run --districts` process with districts.concurrency = CONCURRENCY, the sandbox
# answering each request after LATENCY_MS; beside the floor at the same concurrency: a bare reader
# that pages every district's sites, roles and users and splits its export
# (org.titansync.bench.PageDistricts). Every district is its own folder and config; they share one
# sandbox (all in sync with the same export), as a no-op only reads.
# Two cycles: the first also starts every district's pipeline (a Camel context each), the second
# is the steady state. A cycle is timed from the first run's start to the last run's end
# (result.json, to the second) and from the files' drop to the last one archived (with the
# inbox's quiet period and polls). Memory: the process's peak resident set (VmHWM).
#   bench/districts.sh                       (DISTRICTS=200 N=1500 CONCURRENCY=8 LATENCY_MS=20)
#   DISTRICTS=40 bench/districts.sh          (a reduced size on a busy machine)
#   SNAPSHOT=DIR JAVA_OPTS='-Xmx512m -XX:NativeMemoryTracking=summary' bench/districts.sh
#                                            (where the memory goes: after the steady cycle, the
#                                            JVM's native memory, heap, classes and threads in DIR)
source "$(dirname "$0")/common.sh"
DISTRICTS=${DISTRICTS:-200}
N=${N:-1500}
CONCURRENCY=${CONCURRENCY:-8}
LATENCY_MS=${LATENCY_MS:-20}
PORT=${PORT:-18094}
HTTP_PORT=${HTTP_PORT:-18095}
# What docs/operations.md ("Many districts", "Memory") recommends for about 200 districts.
JAVA_OPTS=${JAVA_OPTS:--Xmx512m -XX:GCTimeRatio=4 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:TieredStopAtLevel=1}
DAEMON_PID=
stop_daemon() { [ -n "$DAEMON_PID" ] && kill "$DAEMON_PID" 2>/dev/null; cleanup; }
trap stop_daemon EXIT

java -cp "$CP" org.titansync.bench.District "$N" "$N" "$WORK"
start_sandbox "$PORT" --seed "$WORK/seed.json" --latency-ms "$LATENCY_MS"
source "$(dirname "$0")/districts-common.sh"
for name in $names; do district_config "$name" "$PORT"; done

timed floor java -cp "$CP" org.titansync.bench.PageDistricts "http://127.0.0.1:$PORT/api/v1" \
  sandbox-key "$WORK/staff.csv" "$DISTRICTS" "$CONCURRENCY"

start_districts "$CONCURRENCY"

# cycle K: drops the export into every inbox, waits until K files of each district are archived.
cycle() {
  local k=$1
  drop_exports "staff-$k.csv" $((k * DISTRICTS))
  python3 - "$D" "$k" "$DROPPED" "$ARCHIVED_AT" <<'PY'
import json, sys, glob, datetime
d, k, t0, t1 = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
runs = []
for f in glob.glob(d + "/*/logs/runs/*/result.json"):
    r = json.load(open(f))
    started = datetime.datetime.fromisoformat(r["started_at"])
    if started >= datetime.datetime.fromtimestamp(int(t0), tz=datetime.timezone.utc):
        runs.append((datetime.datetime.fromisoformat(r["started_at"]),
                     datetime.datetime.fromisoformat(r["finished_at"]), r["status"]))
span = (max(r[1] for r in runs) - min(r[0] for r in runs)).total_seconds()
statuses = sorted(set(r[2] for r in runs))
print("cycle %d: %d runs (%s), first start to last end %.0f s, drop to last archived %.1f s"
      % (k, len(runs), ",".join(statuses), span, t1 - t0))
PY
}
cycle 1 | tee -a "$WORK/cycles"
cycle 2 | tee -a "$WORK/cycles"
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$DAEMON_PID/status")
if [ -n "${SNAPSHOT:-}" ]; then
  mkdir -p "$SNAPSHOT"
  grep -E 'VmHWM|VmRSS|Threads' "/proc/$DAEMON_PID/status" >"$SNAPSHOT/status"
  jcmd "$DAEMON_PID" VM.native_memory summary >"$SNAPSHOT/native-memory" 2>&1 || true
  jcmd "$DAEMON_PID" GC.heap_info >"$SNAPSHOT/heap-before-gc" 2>&1 || true
  jcmd "$DAEMON_PID" GC.class_histogram >"$SNAPSHOT/class-histogram" 2>&1 || true
  jcmd "$DAEMON_PID" GC.heap_info >"$SNAPSHOT/heap-after-gc" 2>&1 || true
  jcmd "$DAEMON_PID" Thread.print >"$SNAPSHOT/threads" 2>&1 || true
  # Threads by name, the district's name and numbers taken out: how many of each kind.
  grep '^"' "$SNAPSHOT/threads" | sed -E 's/^"([^"]*)".*/\1/; s/d[0-9]{3}/D/g; s/[0-9]+/N/g' \
    | sort | uniq -c | sort -rn >"$SNAPSHOT/thread-kinds"
fi
echo "districts: $DISTRICTS x $N staff, concurrency $CONCURRENCY, latency ${LATENCY_MS} ms, java $JAVA_OPTS"
echo "floor (PageDistricts, $CONCURRENCY at once): $(awk '$1=="floor" {print $2}' "$WORK/times") s wall"
echo "run --districts: peak resident set ${hwm} KB"
floor=$(awk '$1=="floor" {print $2}' "$WORK/times")
awk -v f="$floor" '/cycle/ {for (i = 1; i <= NF; i++) if ($i == "archived") printf "%s %s %.2fx the floor (drop to last archived)\n", $1, $2, $(i+1) / f}' "$WORK/cycles"
