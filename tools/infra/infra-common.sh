# Shared by infra-up.sh and infra-down.sh (sourced, not executed).
#
# Layout under the gitignored <repo>/.infra/:
#   state/            one record per thing infra-up STARTED (infra-down stops only those)
#   bin/              infra-up's own compiled TypeScript tools (kafka probe, create-topics)
#   kafka/libs/       broker jars resolved from Maven Central (cached); the default KAFKA_VERSION's
#                     broker lives in kafka/, any other version in kafka-<version>/ (own jars, data, logs)
#   kafka/data/       KRaft log dirs (kept by infra-down, deleted by infra-down --purge)
#   kafka/logs/       broker logs;  kafka/kafka.pid, kafka/cluster-id, kafka/*.properties
#   redis/            pid, log and working dir of a Redis we started

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
INFRA="$ROOT/.infra"
STATE="$INFRA/state"
# KAFKA_VERSION: the Apache Kafka broker infra-up starts (3.9.1, or a 4.x such as 4.4.0). infra-down
# stops whichever version infra-up recorded in state/kafka.version.
KAFKA_DEFAULT_VERSION=3.9.1
KAFKA_VERSION_ASKED="${KAFKA_VERSION:-}"
if [[ -z "${KAFKA_VERSION:-}" && -f "$STATE/kafka.version" ]]; then KAFKA_VERSION=$(cat "$STATE/kafka.version"); fi
KAFKA_VERSION="${KAFKA_VERSION:-$KAFKA_DEFAULT_VERSION}"
[[ "$KAFKA_VERSION" =~ ^[34]\.[0-9]+\.[0-9]+$ ]] || {
  printf '[infra] ERROR: KAFKA_VERSION=%s is not a 3.x or 4.x release (e.g. 3.9.1, 4.4.0)\n' "$KAFKA_VERSION" >&2
  exit 1
}
if [[ "$KAFKA_VERSION" == "$KAFKA_DEFAULT_VERSION" ]]; then KAFKA_HOME="$INFRA/kafka"; else KAFKA_HOME="$INFRA/kafka-$KAFKA_VERSION"; fi
REDIS_HOME="$INFRA/redis"

log() { printf '[infra] %s\n' "$*"; }
die() {
  printf '[infra] ERROR: %s\n' "$*" >&2
  exit 1
}
have() { command -v "$1" >/dev/null 2>&1; }

# Step timing: `step_begin <name>` then `step_end <what happened>` prints "name: what (1.234 s)".
_step_name=''
_step_t0=0
now_ms() { echo $(($(date +%s%N) / 1000000)); }
step_begin() {
  _step_name="$1"
  _step_t0=$(now_ms)
}
step_end() {
  local ms=$(($(now_ms) - _step_t0))
  printf '[infra] %-10s %s (%d.%03d s)\n' "$_step_name:" "$1" $((ms / 1000)) $((ms % 1000))
}

# `user:secret@` → `user:***@`, so URLs can be printed.
mask_url() { sed -E 's#(//[^:/@]+):[^@]*@#\1:***@#' <<<"$1"; }

# host and port of a URL like redis://[user:pass@]host:port[/db] (port defaults to $2).
url_host() { sed -E 's#^[a-z]+://([^@/]*@)?##; s#[:/].*$##' <<<"$1"; }
url_port() {
  local p
  p=$(sed -E 's#^[a-z]+://([^@/]*@)?##; s#/.*$##' <<<"$1")
  if [[ "$p" == *:* ]]; then echo "${p##*:}"; else echo "$2"; fi
}

is_local_host() { [[ "$1" == 127.0.0.1 || "$1" == localhost || "$1" == ::1 ]]; }

# True when something accepts TCP connections on host:port.
tcp_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# True when $1 is a live process whose command line contains $2 (guards against pid reuse).
pid_runs() {
  local pid="$1" needle="$2"
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$needle"
}

# Kafka's pid as recorded by infra-up, if that process is still our broker.
our_kafka_pid() {
  local pid
  pid=$(cat "$KAFKA_HOME/kafka.pid" 2>/dev/null || true)
  if pid_runs "$pid" "$KAFKA_HOME/server.properties"; then echo "$pid"; fi
}
