#!/usr/bin/env bash
# Issue 24's second benchmark: the first load of DISTRICTS districts side by side in one
# `run --districts` process (districts.concurrency = DISTRICTS), each district with its own Titan (a
# sandbox of its own, empty, allowing RPS requests a second with X-RateLimit-* headers) and an export
# of N staff. The Titans are sandboxes in one JVM of their own (org.titansync.bench.Sandboxes), not
# one JVM each: twenty JVMs' start-up, compilers and collectors took the cores of a small machine. The ideal of one district is N / RPS (one create a person); the aim is the whole first
# load within 1.2x of the slowest district's ideal. Timed from the files' drop to the last one
# archived, and per district from its result.json.
#   bench/districts-first-load.sh            (DISTRICTS=20 N=1500 RPS=50)
source "$(dirname "$0")/common.sh"
DISTRICTS=${DISTRICTS:-20}
N=${N:-1500}
RPS=${RPS:-50}
PORT=${PORT:-18200}
HTTP_PORT=${HTTP_PORT:-18196}
# A heap for twenty districts loading at once, and the compiler the unit ships (C1 alone).
JAVA_OPTS=${JAVA_OPTS:--Xmx1g -XX:TieredStopAtLevel=1}
DAEMON_PID=
PIDS=()
stop_all() {
  [ -n "$DAEMON_PID" ] && kill "$DAEMON_PID" 2>/dev/null
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  cleanup
}
trap stop_all EXIT

java -cp "$CP" org.titansync.bench.District "$N" 0 "$WORK"
source "$(dirname "$0")/districts-common.sh"
java -Xmx1g -cp "$CP" org.titansync.bench.Sandboxes "$PORT" "$DISTRICTS" "$WORK/seed.json" "$RPS" \
  >"$WORK/sandboxes.log" 2>&1 &
PIDS+=($!)
i=0
for name in $names; do
  port=$((PORT + i))
  district_config "$name" "$port" "[guardrails]
max_update_percent = 100.0"
  i=$((i + 1))
done
for p in $(seq "$PORT" $((PORT + DISTRICTS - 1))); do
  for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$p/_sandbox/stats" >/dev/null 2>&1 && break
    sleep 0.2
  done
done
start_districts "$DISTRICTS"
drop_exports staff.csv "$DISTRICTS"
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$DAEMON_PID/status")
python3 - "$D" "$DROPPED" "$ARCHIVED_AT" "$N" "$RPS" "$DISTRICTS" "$hwm" <<'PY'
import json, sys, glob, datetime
d, t0, t1, n, rps, count, hwm = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6]), sys.argv[7]
ideal = n / rps
runs = []
for f in glob.glob(d + "/*/logs/runs/*/result.json"):
    r = json.load(open(f))
    s = datetime.datetime.fromisoformat(r["started_at"]).timestamp()
    e = datetime.datetime.fromisoformat(r["finished_at"]).timestamp()
    runs.append((e - s, r["status"], f.split("/")[-5]))
runs.sort()
print("districts: %d x %d creations, each Titan %g requests a second: a district's ideal %.1f s"
      % (count, n, rps, ideal))
print("statuses: %s" % ",".join(sorted(set(r[1] for r in runs))))
print("per district run: fastest %.0f s, median %.0f s, slowest %.0f s (%s); slowest / ideal %.2fx"
      % (runs[0][0], runs[len(runs) // 2][0], runs[-1][0], runs[-1][2], runs[-1][0] / ideal))
print("whole first load, drop to last archived: %.1f s = %.2fx the slowest district's ideal"
      % (t1 - t0, (t1 - t0) / ideal))
print("run --districts: peak resident set %s KB" % hwm)
PY
