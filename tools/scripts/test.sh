#!/usr/bin/env bash
# `npm test` — the README's test command. On a fresh clone it installs what is missing, then runs:
#   lockfile check (`npm ci --dry-run` accepts it), format check, lint (incl. Nx module boundaries),
#   typecheck, AsyncAPI freshness and validity, OpenAPI freshness (docs/openapi/<service>.json), alert
#   rules (promtool, installed from Debian when missing; k8s manifests are checked by unit specs in
#   tools/k8s), unit tests, `infra:up` (Kafka from Apache's jars, the machine's Postgres and Redis),
#   integration tests against those real servers, the ops console's browser tests (Debian chromium,
#   installed when missing, driven by playwright-core), the fault-injection suite in its bounded size
#   (tools/faults/run-faults.sh: holds the integration lock, restores the servers), then the unit and
#   integration suites again on the production Node LTS (24.18.0 from the npm package node@24.18.0 in
#   .tools/node24, see tools/scripts/test-lts.sh; TEST_LTS=0 skips them), and stops what it started.
#   Everything before the "(Node 24)" steps runs on the system Node.
# Last line: "N passed, N failed" (Jest tests plus the static checks, each counted once).
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
  local name=$1 file="$results_dir/${1//[^a-zA-Z0-9]/-}.json"
  shift
  step "$name tests"
  ${JEST:-npx jest} "$@" --json --outputFile="$file"
  local status=$?
  read -r p f < <(jest_counts "$file")
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); fi
  [ "$status" -ne 0 ] && failures+=("$name tests")
  # Which tests failed, so the summary at the end of a long log names them.
  while IFS= read -r line; do [ -n "$line" ] && failures+=("  $name: $line"); done < <(failed_tests "$file")
}
failed_tests() {
  node -e '
    const r = require(require("path").resolve(process.argv[1]));
    const rel = (p) => require("path").relative(process.cwd(), p);
    for (const s of r.testResults) {
      if (s.status !== "failed") continue;
      const failed = s.assertionResults.filter((a) => a.status === "failed");
      if (failed.length === 0) console.log(`${rel(s.name)}: ${(s.message || "suite failed").split("\n").find((l) => l.trim()) ?? ""}`.slice(0, 300));
      for (const a of failed) console.log(`${rel(s.name)}: ${a.fullName}`.slice(0, 300));
    }
  ' "$1" 2>/dev/null
}

if [ ! -d node_modules ]; then
  step "npm ci"
  npm ci --no-audit --no-fund || exit 1
fi

check "lockfile installs with npm ci (npm ci --dry-run)" bash tools/scripts/check-lockfile.sh
check "format (prettier)" npx prettier --check --log-level warn .
check "lint (eslint + module boundaries)" bash -c 'rm -rf .nx/workspace-data && npx nx show projects >/dev/null && npx eslint --max-warnings 0 apps libs tools'
check "typecheck (tsc, services and the console web app)" bash -c 'npx tsc -p tsconfig.json --noEmit && npx tsc -p apps/ops-console/web/tsconfig.json'
check "AsyncAPI document is current" npm run --silent asyncapi:check
# The build of asyncapi:check is reused (no second `npm run build`).
check "OpenAPI documents are current (docs/openapi)" node dist/tools/openapi/generate-openapi.js --check
check "alert rules (promtool check + test rules)" bash tools/scripts/check-alert-rules.sh

run_jest unit --selectProjects unit

kafka_was_up=false
(exec 3<>/dev/tcp/127.0.0.1/9092) 2>/dev/null && kafka_was_up=true
step "infra:up"
if npm run --silent infra:up; then
  # --forceExit: after the last suite some client (a BullMQ/ioredis connection or a pooled SMTP/HTTP
  # socket of the campaigns and tickets suites) keeps the event loop alive; every suite has already
  # reported, so the run must end rather than hang CI. Tracking the handle down is an open task.
  run_jest integration --selectProjects integration --runInBand --forceExit
  # The ops console in headless Chromium (Debian's package, installed here when missing) against the
  # five services and the BFF; the web app was built by the AsyncAPI step's `npm run build`.
  if bash tools/scripts/install-chromium.sh; then
    run_jest browser --selectProjects browser --runInBand --forceExit
  else
    failed=$((failed + 1))
    failures+=("Chromium install (tools/scripts/install-chromium.sh)")
  fi
  FAULTS_SIZE=bounded FAULTS_RECOVERY_FILE="$PWD/$results_dir/faults-recovery.jsonl" \
    JEST="bash tools/faults/run-faults.sh" run_jest faults
  if [ "${TEST_LTS:-1}" != 0 ]; then
    # The production Node (Dockerfile) on a machine whose system Node is older: jest, its workers,
    # the dist/ build and every spawned `node` run on it (first on PATH).
    step "Node LTS for the next two steps"
    if lts_bin=$(bash tools/scripts/node-lts.sh); then
      echo "$("$lts_bin/node" -v) from $lts_bin"
      PATH="$lts_bin:$PATH" JEST="node node_modules/jest/bin/jest.js" run_jest "unit (Node 24)" --selectProjects unit
      PATH="$lts_bin:$PATH" JEST="node node_modules/jest/bin/jest.js" \
        run_jest "integration (Node 24)" --selectProjects integration --runInBand --forceExit
    else
      failed=$((failed + 1))
      failures+=("Node LTS install (npm install node@24)")
    fi
  fi
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
