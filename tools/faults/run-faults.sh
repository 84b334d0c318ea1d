#!/usr/bin/env bash
# `npm run test:faults` (full size) and the fault step of `npm test` (FAULTS_SIZE=bounded).
# The suite stops and restarts the shared Kafka, Postgres and Redis, so it runs holding the
# integration lock (other integration runs wait), and on any exit brings the servers back.
# Extra arguments go to Jest (e.g. a file pattern, or --json --outputFile=... from test.sh).
set -uo pipefail
cd "$(dirname "$0")/../.."
export FAULTS_SIZE="${FAULTS_SIZE:-full}"
export FAULTS_RECOVERY_FILE="${FAULTS_RECOVERY_FILE:-$PWD/.test-results/faults-recovery.jsonl}"
LOCK="${PULSE_INT_LOCK:-/tmp/merchant-pulse-int.lock}"
mkdir -p "$(dirname "$FAULTS_RECOVERY_FILE")" && rm -f "$FAULTS_RECOVERY_FILE"

# True when an ancestor of this shell already holds the lock (e.g. `flock <lock> npm test`):
# taking it again from here would wait for ourselves forever.
lock_held_by_ancestor() {
  [[ -e "$LOCK" ]] || return 1
  local inode holders pid
  inode=$(stat -c %i "$LOCK")
  holders=$(awk -v ino=":$inode" '$2 == "FLOCK" && index($6, ino) == length($6) - length(ino) + 1 { print $5 }' /proc/locks)
  pid=$$
  while [[ "$pid" -gt 1 ]]; do
    grep -qx "$pid" <<<"$holders" && return 0
    pid=$(awk '{ print $4 }' "/proc/$pid/stat" 2>/dev/null || echo 1)
  done
  return 1
}

restore() {
  if [[ -f dist/tools/faults/servers/restore-servers.js ]]; then
    node dist/tools/faults/servers/restore-servers.js || echo "[faults] WARNING: run \`npm run infra:up\`" >&2
  fi
  printf '\n== time to recover (%s size)\n' "$FAULTS_SIZE"
  [[ -f dist/tools/faults/harness/recovery.table.js ]] && node dist/tools/faults/harness/recovery.table.js "$FAULTS_RECOVERY_FILE"
}

run() {
  trap restore EXIT
  npx jest --selectProjects faults --runInBand "$@"
}

if ! command -v flock >/dev/null || lock_held_by_ancestor; then
  run "$@"
else
  echo "[faults] waiting for the integration lock $LOCK"
  export -f run restore
  flock "$LOCK" bash -c 'run "$@"' faults "$@"
fi
