# Shared by infra-up.sh and infra-down.sh (sourced, not executed).
#
# Layout under the gitignored <repo>/.infra/:
#   state/            one record per thing infra-up STARTED (infra-down stops only those)
#   bin/              infra-up's own compiled TypeScript tools (kafka probe, create-topics)
#   kafka/libs/       broker jars resolved from Maven Central (cached)
#   kafka/data/       KRaft log dirs (kept by infra-down, deleted by infra-down --purge)
#   kafka/logs/       broker logs;  kafka/kafka.pid, kafka/cluster-id, kafka/*.properties
#   redis/            pid, log and working dir of a Redis we started

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
INFRA="$ROOT/.infra"
STATE="$INFRA/state"
KAFKA_HOME="$INFRA/kafka"
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
