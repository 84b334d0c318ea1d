#!/usr/bin/env bash
# `npm run demo`: installs what is missing, starts the local infrastructure, builds, and runs the
# demo orchestrator (services + simulator + summary). Infrastructure stays up afterwards for poking
# around (`npm run infra:down` stops it). Data persists between runs; DEMO_FRESH=1 starts from empty
# schemas.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -d node_modules ] || npm install --no-audit --no-fund --no-save
npm run --silent infra:up
if [ "${DEMO_FRESH:-0}" = 1 ]; then
  # A clean slate: the five services' schemas (the services migrate them again at start) and the
  # services' Redis keys (queues, timers, console sessions under `pulse:`). Kafka keeps its history;
  # every consumer group resumes after it, so nothing old is replayed.
  pg_admin="${PG_ADMIN_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
  echo "DEMO_FRESH=1: dropping the services' schemas and Redis keys from earlier runs"
  PGOPTIONS='-c client_min_messages=warning' psql "${pg_admin%/*}/merchant_pulse" -X -q -v ON_ERROR_STOP=1 -c \
    'DROP SCHEMA IF EXISTS merchant_registry, transaction_ingestion, churn_scoring, reactivation, after_sales CASCADE'
  psql "$pg_admin" -X -q -v ON_ERROR_STOP=1 -f tools/infra/postgres/bootstrap.sql >/dev/null
  redis-cli -u "${REDIS_URL:-redis://127.0.0.1:6379}" --scan --pattern 'pulse:*' |
    xargs -r -n 500 redis-cli -u "${REDIS_URL:-redis://127.0.0.1:6379}" DEL >/dev/null
fi
npm run --silent build
node dist/tools/demo/demo.js "$@"
