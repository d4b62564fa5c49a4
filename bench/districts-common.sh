# Shared by the many-district benchmarks (districts.sh, districts-first-load.sh), after common.sh:
# a districts folder of one config per district, and one `run --districts` process serving it.
# Uses WORK, CP, DISTRICTS, HTTP_PORT and JAVA_OPTS; sets D, names and DAEMON_PID.
D="$WORK/districts"
mkdir -p "$D"
names=$(seq -f 'd%03g' 1 "$DISTRICTS")
DAEMON_PID=

# district_config NAME PORT [TOML]: NAME's config, its Titan the sandbox on PORT, its folders under
# NAME/, a quiet period of 1 s; TOML (whole sections) added before [paths].
district_config() {
  cat >"$D/$1.toml" <<TOML
[titan]
base_url = "http://127.0.0.1:$2/api/v1"
api_key = "sandbox-key"
${3:-}
[paths]
inbox = "$1/inbox"
logs = "$1/logs"
archive = "$1/archive"
quarantine = "$1/quarantine"
held = "$1/held"
[daemon]
quiet_seconds = 1
poll_seconds = 0.5
TOML
}

# start_districts CONCURRENCY: starts `run --districts` over D and waits until every district's inbox
# is there (each district served).
start_districts() {
  cat >"$WORK/host.toml" <<TOML
[daemon]
http_port = $HTTP_PORT
[districts]
concurrency = $1
rescan_seconds = 3600
TOML
  java $JAVA_OPTS -jar target/titan-sync.jar run --config "$WORK/host.toml" --districts "$D" \
    --stop-after 3600 >"$WORK/daemon.out" 2>"$WORK/daemon.err" &
  DAEMON_PID=$!
  local served=0
  for _ in $(seq 1 600); do
    served=$(find "$D" -mindepth 2 -maxdepth 2 -type d -name inbox | wc -l)
    [ "$served" -ge "$DISTRICTS" ] && return 0
    sleep 0.5
  done
  echo "not every district served ($served of $DISTRICTS)" >&2
  tail "$WORK/daemon.err" >&2
  exit 1
}

# drop_exports NAME ARCHIVED: the export into every district's inbox as NAME (written beside it and
# moved in whole), then waits until ARCHIVED files are archived in all; fails on a refused or held
# run. Sets DROPPED and ARCHIVED_AT (epoch seconds).
drop_exports() {
  DROPPED=$(date +%s.%N)
  for name in $names; do cp "$WORK/staff.csv" "$D/$name/inbox/.staff.csv.part" \
    && mv "$D/$name/inbox/.staff.csv.part" "$D/$name/inbox/$1"; done
  while [ "$(find "$D" -path '*/archive/*' -type f | wc -l)" -lt "$2" ]; do
    if ! kill -0 "$DAEMON_PID" 2>/dev/null; then echo "the process ended" >&2; exit 1; fi
    if [ -n "$(find "$D" -path '*/quarantine/*' -type f -o -path '*/held/*' -type f | head -1)" ]; then
      echo "a run was refused or held" >&2; exit 1
    fi
    sleep 0.2
  done
  ARCHIVED_AT=$(date +%s.%N)
}
