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
  holders=$(awk -v ino=":$inode" '$2 == "FLOCK" && substr($6, length($6) - length(ino) + 1) == ino { print $5 }' /proc/locks)
  pid=$$
  while [[ "$pid" -gt 1 ]]; do
    grep -qx "$pid" <<<"$holders" && return 0
    # PPid from status (stat's second field is the command name, which may contain spaces).
    pid=$(awk '$1 == "PPid:" { print $2 }' "/proc/$pid/status" 2>/dev/null)
    [[ "$pid" =~ ^[0-9]+$ ]] || pid=1
  done
  return 1
}

restore() {
  if [[ -f dist/tools/faults/servers/restore-servers.js ]]; then
    without_inherited_fds node dist/tools/faults/servers/restore-servers.js ||
      echo "[faults] WARNING: run \`npm run infra:up\`" >&2
  fi
  printf '\n== time to recover (%s size)\n' "$FAULTS_SIZE"
  [[ -f dist/tools/faults/harness/recovery.table.js ]] &&
    node dist/tools/faults/harness/recovery.table.js "$FAULTS_RECOVERY_FILE"
}

# Runs a command without any inherited descriptor: the suite restarts Kafka, Postgres and Redis as
# daemons, and a daemon that inherited the lock's descriptor (flock(1) passes it to its command)
# would hold the integration lock for as long as it runs.
without_inherited_fds() {
  (
    for fd in /proc/$BASHPID/fd/*; do
      n=${fd##*/}
      if ((n > 2 && n < 255)); then eval "exec $n>&-"; fi
    done
    exec "$@"
  )
}

trap restore EXIT
if ! command -v flock >/dev/null || lock_held_by_ancestor; then
  without_inherited_fds npx jest --selectProjects faults --runInBand --forceExit "$@"
else
  echo "[faults] waiting for the integration lock $LOCK"
  exec 9>>"$LOCK"
  flock 9
  without_inherited_fds npx jest --selectProjects faults --runInBand --forceExit "$@"
fi
