#!/usr/bin/env bash
# Brings up local infrastructure without Docker: PostgreSQL and Redis from the machine, Apache
# Kafka (single-node KRaft; 3.9.1 unless KAFKA_VERSION says otherwise, e.g. KAFKA_VERSION=4.4.0)
# from Maven Central jars run with the machine's Java, then the project's topics. Idempotent: whatever already answers is reused, never restarted.
# Records what it started under .infra/state/ so `npm run infra:down` stops only that.
#
# Env (all optional): PG_ADMIN_URL, SKIP_PG_BOOTSTRAP=1, REDIS_URL, REDIS_MAXMEMORY (default 256mb), KAFKA_BROKERS,
# KAFKA_REPLICATION_FACTOR, KAFKA_START_TIMEOUT (seconds, default 60), KAFKA_VERSION (default 3.9.1;
# a 4.x version gets its own jars, data and logs under .infra/kafka-<version>/).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/infra-common.sh"

PG_ADMIN_URL="${PG_ADMIN_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
KAFKA_FIRST="${KAFKA_BROKERS%%,*}"
KAFKA_HOST="${KAFKA_FIRST%:*}"
KAFKA_PORT="${KAFKA_FIRST##*:}"
# KAFKA_VERSION and KAFKA_HOME come from infra-common.sh. Kafka 4 logs with log4j2: its own pom.
if [[ "$KAFKA_VERSION" == 4.* ]]; then POM="$ROOT/tools/infra/kafka/pom-kafka4.xml"; else POM="$ROOT/tools/infra/kafka/pom.xml"; fi
BIN="$INFRA/bin/tools/infra"

postgres_up() {
  step_begin postgres
  have pg_isready && have psql || die "psql/pg_isready not found: apt-get install postgresql-client (or postgresql)"
  local what='already running'
  if ! pg_isready -q -d "$PG_ADMIN_URL"; then
    have pg_ctlcluster && [[ -d /etc/postgresql ]] ||
      die "PostgreSQL does not accept connections at $(mask_url "$PG_ADMIN_URL") and pg_ctlcluster is missing: start it yourself or set PG_ADMIN_URL"
    local version
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || die "pg_ctlcluster $version main start failed"
    echo "$version" >"$STATE/postgres.started"
    local i
    for ((i = 0; i < 60; i++)); do pg_isready -q -d "$PG_ADMIN_URL" && break || sleep 0.5; done
    pg_isready -q -d "$PG_ADMIN_URL" || die "PostgreSQL $version started but does not accept connections after 30 s"
    what="started cluster $version/main"
  fi
  if [[ "${SKIP_PG_BOOTSTRAP:-}" == 1 ]]; then
    what="$what; bootstrap skipped (SKIP_PG_BOOTSTRAP=1)"
  else
    psql "$PG_ADMIN_URL" -X -q -v ON_ERROR_STOP=1 -f "$ROOT/tools/infra/postgres/bootstrap.sql" >/dev/null ||
      die "tools/infra/postgres/bootstrap.sql failed against $(mask_url "$PG_ADMIN_URL") (needs a superuser)"
    what="$what; bootstrap applied (database merchant_pulse, 5 service roles/schemas)"
  fi
  step_end "$what"
}

redis_ping() {
  if have redis-cli; then
    redis-cli -u "$REDIS_URL" ping 2>&1 || true
  else
    # Without redis-cli: speak RESP by hand (enough for an unauthenticated PING).
    (exec 3<>"/dev/tcp/$(url_host "$REDIS_URL")/$(url_port "$REDIS_URL" 6379)" && printf 'PING\r\n' >&3 &&
      timeout 2 head -c 7 <&3 | tr -d '+\r\n') 2>/dev/null || true
  fi
}

redis_up() {
  step_begin redis
  local reply host port
  reply=$(redis_ping)
  if [[ "$reply" == PONG ]]; then
    # Not ours to reconfigure: only say when its eviction policy or lack of persistence could lose BullMQ jobs.
    local policy='' aof='' save=''
    if have redis-cli; then
      policy=$(redis-cli -u "$REDIS_URL" config get maxmemory-policy 2>/dev/null | tail -n 1)
      aof=$(redis-cli -u "$REDIS_URL" config get appendonly 2>/dev/null | tail -n 1)
      save=$(redis-cli -u "$REDIS_URL" config get save 2>/dev/null | sed -n 2p)
    fi
    step_end "already running at $(mask_url "$REDIS_URL")${policy:+ (maxmemory-policy $policy, appendonly ${aof:-?})}"
    [[ -z "$policy" || "$policy" == noeviction ]] ||
      log "WARNING: Redis maxmemory-policy is $policy; BullMQ needs noeviction (redis-cli config set maxmemory-policy noeviction)"
    if [[ -n "$policy" && "$aof" != yes && -z "$save" ]]; then
      # A local Redis the project reuses must keep BullMQ jobs across a restart, as in production (AOF):
      # switch AOF on at runtime; a remote one is only warned about.
      if is_local_host "$(url_host "$REDIS_URL")" &&
        [[ "$(redis-cli -u "$REDIS_URL" config set appendonly yes 2>/dev/null)" == OK ]]; then
        log "enabled AOF (appendonly yes) on the reused local Redis: pending BullMQ jobs survive a restart"
      else
        log "WARNING: Redis does not persist (no AOF, no save points): a restart loses every pending BullMQ job (redis-cli config set appendonly yes)"
      fi
    fi
    return
  fi
  host=$(url_host "$REDIS_URL")
  port=$(url_port "$REDIS_URL" 6379)
  tcp_open "$host" "$port" && die "something listens on $host:$port but does not answer PING with PONG: ${reply:-no reply}"
  is_local_host "$host" || die "Redis does not answer at $(mask_url "$REDIS_URL") (not a local address, so not starting one)"
  have redis-server || die "Redis does not answer at $(mask_url "$REDIS_URL") and redis-server is not installed: apt-get install redis-server (Debian/Ubuntu) or brew install redis (macOS), or set REDIS_URL"
  mkdir -p "$REDIS_HOME"
  # noeviction: BullMQ must never lose a key; a full Redis refuses writes instead (README, "Redis memory").
  # AOF (fsync every second, in $REDIS_HOME): pending BullMQ jobs survive a Redis restart
  # (tools/faults/bullmq-redis-restart.fault-spec.ts); no RDB snapshots on top of it.
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly yes --appendfsync everysec \
    --maxmemory "${REDIS_MAXMEMORY:-256mb}" --maxmemory-policy noeviction \
    --pidfile "$REDIS_HOME/redis.pid" --dir "$REDIS_HOME" --logfile "$REDIS_HOME/redis.log" ||
    die "redis-server failed to start, see $REDIS_HOME/redis.log"
  echo "$port" >"$STATE/redis.started"
  local i
  for ((i = 0; i < 40; i++)); do [[ "$(redis_ping)" == PONG ]] && break || sleep 0.25; done
  [[ "$(redis_ping)" == PONG ]] || die "redis-server started but does not answer PING, see $REDIS_HOME/redis.log"
  step_end "started redis-server on 127.0.0.1:$port (AOF everysec in ${REDIS_HOME#$ROOT/}, maxmemory ${REDIS_MAXMEMORY:-256mb} noeviction), log $REDIS_HOME/redis.log"
}

# Compiles the kafka probe and create-topics (plus the contracts lib they import) into .infra/bin.
# Deliberately not `npm run build`: that wipes dist/ under running services and fails on anyone's
# half-written file elsewhere in the tree.
tools_build() {
  step_begin tools
  rm -rf "$INFRA/bin"
  (cd "$ROOT" && node node_modules/@swc/cli/bin/swc.js tools/infra libs/contracts -d "$INFRA/bin" \
    --config-file .swcrc --ignore '**/*.spec.ts,**/*.int-spec.ts' --quiet) ||
    die "compiling tools/infra and libs/contracts with SWC failed"
  step_end "compiled tools/infra + libs/contracts to .infra/bin"
}

kafka_answers() { node "$BIN/wait-for-kafka.js" --timeout "$1"; }

source "$(dirname "${BASH_SOURCE[0]}")/kafka-broker.sh"

topics_up() {
  step_begin topics
  local table
  table=$(node "$BIN/create-topics.js") || die "create-topics failed: $table"
  step_end "all project topics present"
  sed 's/^/    /' <<<"$table"
}

main() {
  local t0
  t0=$(now_ms)
  mkdir -p "$STATE"
  log "bringing up local infrastructure (state in ${STATE#$ROOT/})"
  postgres_up
  redis_up
  tools_build
  kafka_up
  topics_up
  local ms=$(($(now_ms) - t0))
  log "ready in $((ms / 1000)).$(printf '%03d' $((ms % 1000))) s: postgres $(mask_url "$PG_ADMIN_URL") | redis $(mask_url "$REDIS_URL") | kafka $KAFKA_BROKERS"
  log "service DB URLs: runtime postgresql://<schema>_app:<schema>_app@127.0.0.1:5432/merchant_pulse (DML only), migrations as the owner <schema>:<schema>"
}

main "$@"
