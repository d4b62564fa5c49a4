#!/usr/bin/env bash
# A big district's OneRoster 1.2 export: a zip whose users.csv holds every student too. For each
# "USERS:STAFF", the script writes the export (USERS users, STAFF of them staff, every fifth at two
# schools) and a sandbox seed holding the same staff, then runs `validate` on the zip and a dry
# run against that sandbox, both under HEAP. Prints wall time, max RSS, exit code and any
# OutOfMemoryError.
#   bench/oneroster.sh                       (SIZES="1200000:100000", HEAP=-Xmx512m)
#   SIZES="600000:50000 1200000:100000" bench/oneroster.sh
source "$(dirname "$0")/common.sh"
SIZES=${SIZES:-"1200000:100000"}
PORT=${PORT:-18094}
HEAP=${HEAP:--Xmx512m}
for size in $SIZES; do
  users=${size%%:*}
  staff=${size##*:}
  rm -rf "$WORK/$users"
  java -cp "$CP" org.titansync.bench.OneRosterDistrict "$users" "$staff" "$WORK/$users"
  zipmb=$(($(stat -c %s "$WORK/$users/export.zip") / 1048576))
  cat >"$WORK/$users/config.toml" <<TOML
[titan]
base_url = "http://127.0.0.1:$PORT/api/v1"
api_key = "sandbox-key"
page_size = 500
[roles.map]
aide = "Substitute"
TOML
  timed "validate-$users" java $HEAP -jar target/titan-sync.jar validate "$WORK/$users/export.zip" \
    --config "$WORK/$users/config.toml"
  start_sandbox "$PORT" --seed "$WORK/$users/seed.json"
  timed "dryrun-$users" java $HEAP -jar target/titan-sync.jar sync "$WORK/$users/export.zip" \
    --dry-run --config "$WORK/$users/config.toml"
  kill "$SANDBOX_PID"; wait "$SANDBOX_PID" 2>/dev/null || true; SANDBOX_PID=
  for step in validate dryrun; do
    read -r _ wall rss rc < <(grep "^$step-$users " "$WORK/times")
    oom=$(grep -c OutOfMemoryError "$WORK/$step-$users.err" || true)
    echo "$users users ($staff staff), zip $zipmb MB: $step ($HEAP) ${wall}s," \
      "$((rss / 1024)) MB max RSS, exit $rc, OutOfMemoryError lines: $oom"
    tail -n 1 "$WORK/$step-$users.out"
  done
  rm -rf "${WORK:?}/$users"
done
