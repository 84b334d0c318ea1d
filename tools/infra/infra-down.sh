#!/usr/bin/env bash
# Stops only what `npm run infra:up` started (per .infra/state/), newest first: Kafka, Redis,
# PostgreSQL. Data stays in place; `--purge` also deletes Kafka's data (next up = fresh cluster).
#   bash tools/infra/infra-down.sh [--purge]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/infra-common.sh"

PURGE=0
for arg in "$@"; do
  case "$arg" in
    --purge) PURGE=1 ;;
    *) die "unknown argument: $arg (usage: infra-down.sh [--purge])" ;;
  esac
done

# SIGTERM lets the broker shut down cleanly (flush, close the log); SIGKILL only after 30 s.
kafka_down() {
  step_begin kafka
  local pid
  pid=$(our_kafka_pid)
  if [[ ! -f "$STATE/kafka.started" && -z "$pid" ]]; then
    step_end "not started by infra-up, left alone"
    return
  fi
  local what="was not running any more"
  if [[ -n "$pid" ]]; then
    kill -TERM "$pid" 2>/dev/null || true
    local i
    for ((i = 0; i < 120; i++)); do pid_runs "$pid" kafka.Kafka || break; sleep 0.25; done
    if pid_runs "$pid" kafka.Kafka; then
      kill -KILL "$pid" 2>/dev/null || true
      what="killed pid $pid (SIGKILL after 30 s)"
    else
      what="stopped pid $pid (SIGTERM)"
    fi
  fi
  rm -f "$STATE/kafka.started" "$STATE/kafka.version" "$KAFKA_HOME/kafka.pid"
  step_end "$what (Kafka $KAFKA_VERSION)"
}

redis_down() {
  step_begin redis
  if [[ ! -f "$STATE/redis.started" ]]; then
    step_end "not started by infra-up, left alone"
    return
  fi
  local port
  port=$(cat "$STATE/redis.started")
  # Only the server we started: it runs with our pidfile.
  if pid_runs "$(cat "$REDIS_HOME/redis.pid" 2>/dev/null || true)" redis-server; then
    redis-cli -h 127.0.0.1 -p "$port" shutdown nosave >/dev/null 2>&1 || true
    step_end "stopped redis-server on 127.0.0.1:$port"
  else
    step_end "was not running any more"
  fi
  rm -f "$STATE/redis.started"
}

postgres_down() {
  step_begin postgres
  if [[ ! -f "$STATE/postgres.started" ]]; then
    step_end "not started by infra-up, left alone"
    return
  fi
  local version
  version=$(cat "$STATE/postgres.started")
  pg_ctlcluster --skip-systemctl-redirect "$version" main stop || die "pg_ctlcluster $version main stop failed"
  rm -f "$STATE/postgres.started"
  step_end "stopped cluster $version/main"
}

purge() {
  step_begin purge
  [[ -z "$(our_kafka_pid)" ]] || die "Kafka still running, not purging its data"
  rm -rf "$KAFKA_HOME/data" "$KAFKA_HOME/cluster-id"
  step_end "deleted ${KAFKA_HOME#$ROOT/}/data (next infra:up formats a fresh cluster)"
}

kafka_down
redis_down
postgres_down
if ((PURGE)); then purge; fi
log "down (data kept$( ((PURGE)) && echo ' except Kafka data'))"
