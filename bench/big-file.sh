#!/usr/bin/env bash
# The largest export the shipped heap handles: for each N, an N-person export (every fifth person
# at two sites, so 1.2 N rows) is validated, then dry-run against a sandbox that already holds the
# same N users, both under -Xmx512m as deploy/ ships it. Prints wall time, max RSS and exit code.
#   bench/big-file.sh                  (NS="500000 1000000")
#   NS="1000000 1200000" bench/big-file.sh
source "$(dirname "$0")/common.sh"
NS=${NS:-"500000 1000000"}
PORT=${PORT:-18093}
HEAP=${HEAP:--Xmx512m}
for n in $NS; do
  rm -rf "$WORK/$n"
  java -cp "$CP" org.titansync.bench.District "$n" "$n" "$WORK/$n"
  rows=$(($(wc -l <"$WORK/$n/staff.csv") - 1))
  mb=$(($(stat -c %s "$WORK/$n/staff.csv") / 1048576))
  timed "validate-$n" java $HEAP -jar target/titan-sync.jar validate "$WORK/$n/staff.csv"
  start_sandbox "$PORT" --seed "$WORK/$n/seed.json"
  cat >"$WORK/$n/config.toml" <<TOML
[titan]
base_url = "http://127.0.0.1:$PORT/api/v1"
api_key = "sandbox-key"
page_size = 500
TOML
  timed "dryrun-$n" java $HEAP -jar target/titan-sync.jar sync "$WORK/$n/staff.csv" --dry-run \
    --config "$WORK/$n/config.toml"
  kill "$SANDBOX_PID"; wait "$SANDBOX_PID" 2>/dev/null || true; SANDBOX_PID=
  for step in validate dryrun; do
    read -r _ wall rss rc < <(grep "^$step-$n " "$WORK/times")
    oom=$(grep -c OutOfMemoryError "$WORK/$step-$n.err" || true)
    echo "$n people, $rows rows, $mb MB: $step ($HEAP) ${wall}s, $((rss / 1024)) MB max RSS," \
      "exit $rc, OutOfMemoryError lines: $oom"
  done
  rm -rf "${WORK:?}/$n"
done
