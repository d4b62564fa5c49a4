#!/usr/bin/env bash
# Dry-run of an N-person export against an N-user sandbox already in sync, beside the floor: a
# bare client paging the same users from the same sandbox. Runs alternate, REPS times each.
#   bench/dry-run.sh            (N=100000 REPS=3)
source "$(dirname "$0")/common.sh"
N=${N:-100000}
REPS=${REPS:-3}
PORT=${PORT:-18091}
java -cp "$CP" org.titansync.bench.District "$N" "$N" "$WORK"
start_sandbox "$PORT" --seed "$WORK/seed.json"
cat >"$WORK/config.toml" <<TOML
[titan]
base_url = "http://127.0.0.1:$PORT/api/v1"
api_key = "sandbox-key"
page_size = 500
TOML
for _ in $(seq 1 "$REPS"); do
  timed page java -cp "$CP" org.titansync.bench.PageUsers "http://127.0.0.1:$PORT/api/v1" sandbox-key
  timed dryrun java -Xmx512m -jar target/titan-sync.jar sync "$WORK/staff.csv" --dry-run --config "$WORK/config.toml"
done
tail -n 1 "$WORK/dryrun.out"
cat "$WORK/times"
floor=$(median page 2); dry=$(median dryrun 2)
echo "people: $N ($(wc -l <"$WORK/staff.csv") lines)"
echo "bare paging (floor): median ${floor}s wall, $(median page 3) KB max RSS"
echo "dry-run (-Xmx512m):  median ${dry}s wall, $(median dryrun 3) KB max RSS, exit $(median dryrun 4)"
awk -v a="$dry" -v b="$floor" 'BEGIN {printf "ratio dry-run / floor: %.2f\n", a / b}'
