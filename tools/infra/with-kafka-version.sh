#!/usr/bin/env bash
# Runs a command against another Kafka version on the SHARED broker address (127.0.0.1:9092), then
# puts the machine's broker back exactly as it was:
#   flock /tmp/merchant-pulse-int.lock env KAFKA_VERSION=4.4.0 bash tools/infra/with-kafka-version.sh \
#     npx jest --selectProjects integration --runInBand
#
# 1. the broker JVM that answers now (whoever started it: any checkout's infra:up) is recorded from
#    /proc (argv, working directory, environment) and stopped with SIGTERM (SIGKILL after 60 s);
# 2. `KAFKA_VERSION=<v> infra-up.sh` starts that version (own jars/data under .infra/kafka-<v>/) and
#    creates the project's topics;
# 3. the command runs (its exit status is this script's);
# 4. on ANY exit (failure, Ctrl-C, SIGTERM): the other version is stopped and its data purged, the
#    recorded broker is started again with its very argv/cwd/env (as infra:up started it, so it comes
#    back with its own data), its pid files updated, and the script waits until it answers metadata.
#
# Hold the integration lock around it: every integration suite on the machine uses that broker.
# Daemons started here get no inherited descriptors (a broker holding flock's descriptor would hold
# the lock for as long as it runs).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/infra-common.sh"
[[ $# -gt 0 ]] || die "usage: KAFKA_VERSION=<version> with-kafka-version.sh <command...>"
[[ -n "$KAFKA_VERSION_ASKED" ]] || die "set KAFKA_VERSION to the version to run the command against"

SAVED="${TMPDIR:-/tmp}/merchant-pulse-kafka-swap"
mkdir -p "$SAVED"

without_inherited_fds() {
  (
    for fd in /proc/$BASHPID/fd/*; do
      n=${fd##*/}
      if ((n > 2 && n < 255)); then eval "exec $n>&-"; fi
    done
    exec "$@"
  )
}

broker_pids() { pgrep -f 'kafka\.Kafka .*server\.properties' || true; }

# SIGTERM (controlled shutdown), SIGKILL after 60 s; waits until the pid is gone.
stop_pid() {
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 240; i++)); do [[ -d /proc/$pid ]] || return 0; sleep 0.25; done
  kill -KILL "$pid" 2>/dev/null || true
  while [[ -d /proc/$pid ]]; do sleep 0.1; done
}

record_and_stop_shared() {
  local pid
  pid=$(broker_pids | head -n 1)
  [[ -n "$pid" ]] || die "no Kafka broker JVM runs on this machine: nothing to swap (run npm run infra:up first)"
  cp "/proc/$pid/cmdline" "$SAVED/cmdline"
  cp "/proc/$pid/environ" "$SAVED/environ"
  readlink "/proc/$pid/cwd" >"$SAVED/cwd"
  log "recorded the shared broker (pid $pid, cwd $(cat "$SAVED/cwd")) in $SAVED; stopping it"
  stop_pid "$pid"
  log "shared broker stopped"
}

restore_shared() {
  local status=$?
  trap - EXIT INT TERM
  log "restoring the shared broker (command exited $status)"
  KAFKA_VERSION="$KAFKA_VERSION" bash "$ROOT/tools/infra/infra-down.sh" --purge || true
  local pid
  for pid in $(broker_pids); do stop_pid "$pid"; done
  if [[ ! -s "$SAVED/cmdline" ]]; then
    log "ERROR: no recorded broker in $SAVED: start it with npm run infra:up"
    exit 1
  fi
  local cwd logs
  cwd=$(cat "$SAVED/cwd")
  logs=$(tr '\0' '\n' <"$SAVED/cmdline" | sed -n 's/^-Dkafka\.logs\.dir=//p')
  mapfile -d '' argv <"$SAVED/cmdline"
  mapfile -d '' envv <"$SAVED/environ"
  # The background subshell closes every inherited descriptor (flock's included) and then BECOMES
  # the broker (exec; setsid does not fork outside a process-group leader), so $! is the JVM's pid
  # and no shell is left behind holding the integration lock.
  (
    cd "$cwd" || exit 1
    for fd in /proc/$BASHPID/fd/*; do
      n=${fd##*/}
      if ((n > 2 && n < 255)); then eval "exec $n>&-"; fi
    done
    exec setsid nohup env -i "${envv[@]}" "${argv[@]}" >>"${logs:-$cwd}/kafka.out" 2>&1 </dev/null
  ) &
  pid=$!
  # Keep infra-up/infra-down's bookkeeping (of the checkout that started it) pointing at the live broker.
  [[ -f "$cwd/kafka.pid" ]] && echo "$pid" >"$cwd/kafka.pid"
  [[ -f "$cwd/../state/kafka.started" ]] && echo "$pid" >"$cwd/../state/kafka.started"
  if node "$INFRA/bin/tools/infra/wait-for-kafka.js" --timeout 120; then
    log "shared broker back (pid $pid, Kafka $(running_version))"
  else
    log "ERROR: the restored broker (pid $pid) does not answer; see ${logs:-$cwd}/server.log"
    status=1
  fi
  exit "$status"
}

running_version() {
  local pid cp
  pid=$(broker_pids | head -n 1)
  [[ -n "$pid" ]] || return 0
  cp=$(tr '\0' '\n' <"/proc/$pid/cmdline" | grep -A1 -x -- -cp | tail -n 1)
  ls ${cp%\*}kafka_2.13-*.jar 2>/dev/null | sed -E 's/.*kafka_2\.13-([0-9.]+)\.jar$/\1/' | head -n 1
}

record_and_stop_shared
trap restore_shared EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
KAFKA_VERSION="$KAFKA_VERSION" without_inherited_fds bash "$ROOT/tools/infra/infra-up.sh" || exit 1
log "Kafka $(running_version) answers at 127.0.0.1:9092; running: $*"
KAFKA_BROKERS=127.0.0.1:9092 "$@"
