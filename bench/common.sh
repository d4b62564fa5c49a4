# Shared by the benchmark scripts: build if needed, start a sandbox, time a command.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/titan-sync.jar ] && [ -d target/test-classes/org/titansync/bench ] \
  || mvn -B -q -DskipTests package
CP=target/test-classes:target/titan-sync.jar
WORK=$(mktemp -d)
SANDBOX_PID=
cleanup() { [ -n "$SANDBOX_PID" ] && kill "$SANDBOX_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

# start_sandbox PORT ARGS...: runs `titan-sync sandbox` in the background and waits until it answers.
start_sandbox() {
  local port=$1; shift
  java -Xmx4g -jar target/titan-sync.jar sandbox --port "$port" "$@" >"$WORK/sandbox.log" 2>&1 &
  SANDBOX_PID=$!
  for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$port/_sandbox/stats" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "sandbox did not start" >&2; cat "$WORK/sandbox.log" >&2; exit 1
}

# timed LABEL CMD...: runs CMD, appends "LABEL wall_seconds max_rss_kb exit" to $WORK/times.
timed() {
  local label=$1; shift
  local rc=0
  /usr/bin/time -q -f "%e %M" -o "$WORK/t" "$@" >"$WORK/$label.out" 2>"$WORK/$label.err" || rc=$?
  echo "$label $(cat "$WORK/t") $rc" >>"$WORK/times"
}

# median LABEL COLUMN: the median of a column of $WORK/times for LABEL.
median() {
  awk -v l="$1" -v c="$2" '$1==l {print $c}' "$WORK/times" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
