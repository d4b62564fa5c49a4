#!/usr/bin/env bash
# Start-up cost of a one-shot dry run: `sync samples/staff.csv --dry-run` against a sandbox seeded
# with the samples, this tree's jar beside an earlier build's jar, runs alternating, REPS each.
#   BEFORE_JAR=/path/to/old/titan-sync.jar bench/startup.sh      (REPS=10)
# Without BEFORE_JAR the earlier jar is built from git revision BEFORE (default HEAD) in a
# temporary folder.
source "$(dirname "$0")/common.sh"
REPS=${REPS:-10}
PORT=${PORT:-18093}
if [ -z "${BEFORE_JAR:-}" ]; then
  mkdir "$WORK/before"
  git archive "${BEFORE:-HEAD}" | tar -x -C "$WORK/before"
  (cd "$WORK/before" && mvn -B -q -o -DskipTests -Dspotless.check.skip=true package)
  BEFORE_JAR="$WORK/before/target/titan-sync.jar"
fi
start_sandbox "$PORT" --state "$WORK/sandbox-state.json"
cat >"$WORK/config.toml" <<TOML
[titan]
base_url = "http://127.0.0.1:$PORT/api/v1"
api_key = "sandbox-key"
TOML
for _ in $(seq 1 "$REPS"); do
  timed before java -jar "$BEFORE_JAR" sync samples/staff.csv --dry-run --config "$WORK/config.toml"
  timed after java -jar target/titan-sync.jar sync samples/staff.csv --dry-run --config "$WORK/config.toml"
done
tail -n 1 "$WORK/after.out"
cat "$WORK/times"
b=$(median before 2); a=$(median after 2)
echo "before ($BEFORE_JAR): median ${b}s wall, $(median before 3) KB max RSS, exit $(median before 4)"
echo "after (target/titan-sync.jar): median ${a}s wall, $(median after 3) KB max RSS, exit $(median after 4)"
awk -v a="$a" -v b="$b" 'BEGIN {printf "after - before: %+.2f s (%.2fx)\n", a - b, a / b}'
