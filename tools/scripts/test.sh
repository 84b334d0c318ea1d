#!/usr/bin/env bash
# `npm test` — the README's test command. On a fresh clone it installs what is missing, then runs:
#   format check, lint (incl. Nx module boundaries), typecheck, AsyncAPI freshness, alert rules
#   (promtool, installed from Debian when missing; k8s manifests are checked by unit specs in tools/k8s),
#   unit tests, `infra:up` (Kafka from Apache's jars, the machine's Postgres and Redis),
#   integration tests against those real servers, the fault-injection suite in its bounded size
#   (tools/faults/run-faults.sh: holds the integration lock, restores the servers), and stops what it started.
# Last line: "N passed, N failed" (Jest tests plus the five static checks, each counted once).
set -uo pipefail
cd "$(dirname "$0")/../.."
export NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=true FORCE_COLOR=0

results_dir=.test-results
rm -rf "$results_dir" && mkdir -p "$results_dir"
passed=0
failed=0
failures=()
started=$(date +%s)

step() { printf '\n== %s\n' "$1"; }
check() {
  local name=$1
  shift
  step "$name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); failures+=("$name"); fi
}
jest_counts() {
  node -e '
    const r = require(require("path").resolve(process.argv[1]));
    const broken = r.testResults.filter((s) => s.status === "failed" && s.assertionResults.length === 0).length;
    console.log(r.numPassedTests, r.numFailedTests + broken);
  ' "$1" 2>/dev/null || echo "0 1"
}
run_jest() {
  local name=$1 file="$results_dir/$1.json"
  shift
  step "$name tests"
  ${JEST:-npx jest} "$@" --json --outputFile="$file"
  local status=$?
  read -r p f < <(jest_counts "$file")
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); fi
  [ "$status" -ne 0 ] && failures+=("$name tests")
}

if [ ! -d node_modules ]; then
  step "npm ci"
  npm install --no-audit --no-fund --no-save || exit 1
fi

check "format (prettier)" npx prettier --check --log-level warn .
check "lint (eslint + module boundaries)" bash -c 'rm -rf .nx/workspace-data && npx nx show projects >/dev/null && npx eslint --max-warnings 0 apps libs tools'
check "typecheck (tsc)" npx tsc -p tsconfig.json --noEmit
check "AsyncAPI document is current" npm run --silent asyncapi:check
check "alert rules (promtool check + test rules)" bash tools/scripts/check-alert-rules.sh

run_jest unit --selectProjects unit

kafka_was_up=false
(exec 3<>/dev/tcp/127.0.0.1/9092) 2>/dev/null && kafka_was_up=true
step "infra:up"
if npm run --silent infra:up; then
  run_jest integration --selectProjects integration --runInBand
  FAULTS_SIZE=bounded FAULTS_RECOVERY_FILE="$PWD/$results_dir/faults-recovery.jsonl" \
    JEST="bash tools/faults/run-faults.sh" run_jest faults
else
  failed=$((failed + 1))
  failures+=("infra:up")
fi
if [ "$kafka_was_up" = false ]; then
  step "infra:down (stopping what this run started)"
  npm run --silent infra:down || true
fi

printf '\n== summary (%ss)\n' "$(($(date +%s) - started))"
for f in "${failures[@]}"; do echo "FAILED: $f"; done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
