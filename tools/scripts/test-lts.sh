#!/usr/bin/env bash
# `npm run test:lts` — the unit and integration suites on the production Node LTS (24.18.0, the
# Dockerfile's image) instead of the system Node: the binary comes from the npm package node@24.18.0
# in .tools/node24 (tools/scripts/node-lts.sh). Jest itself, its workers, the dist/ build of the
# integration global setup and every `node` child a test spawns run on that binary (it is first on
# PATH). `npm test` runs the same two suites (steps "unit (Node 24)", "integration (Node 24)").
# Brings up the local servers when needed (and stops what it started); holds the integration lock
# for the integration suite unless an ancestor already does. Last line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
LOCK="${PULSE_INT_LOCK:-/tmp/merchant-pulse-int.lock}"
bin=$(bash tools/scripts/node-lts.sh) || exit 1
export PATH="$bin:$PATH"
echo "== Node $(node -v) from $bin"
mkdir -p .test-results
passed=0
failed=0
jest_lts() {
  local name=$1
  shift
  node node_modules/jest/bin/jest.js "$@" --json --outputFile=".test-results/$name.json"
  local status=$? p f
  read -r p f < <(node -e '
    const r = require(require("path").resolve(process.argv[1]));
    const broken = r.testResults.filter((s) => s.status === "failed" && s.assertionResults.length === 0).length;
    console.log(r.numPassedTests, r.numFailedTests + broken);' ".test-results/$name.json" 2>/dev/null || echo "0 1")
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); fi
}
lock_held_by_ancestor() {
  [[ -e "$LOCK" ]] || return 1
  local inode holders pid=$$
  inode=$(stat -c %i "$LOCK")
  holders=$(awk -v ino=":$inode" '$2 == "FLOCK" && substr($6, length($6) - length(ino) + 1) == ino { print $5 }' /proc/locks)
  while [[ "$pid" -gt 1 ]]; do
    grep -qx "$pid" <<<"$holders" && return 0
    pid=$(awk '$1 == "PPid:" { print $2 }' "/proc/$pid/status" 2>/dev/null)
    [[ "$pid" =~ ^[0-9]+$ ]] || pid=1
  done
  return 1
}

echo "== unit tests (Node $(node -v))"
jest_lts unit-node24 --selectProjects unit

kafka_was_up=false
(exec 3<>/dev/tcp/127.0.0.1/9092) 2>/dev/null && kafka_was_up=true
echo "== infra:up"
if npm run --silent infra:up; then
  echo "== integration tests (Node $(node -v))"
  if ! command -v flock >/dev/null || lock_held_by_ancestor; then
    jest_lts integration-node24 --selectProjects integration --runInBand --forceExit
  else
    exec 9>>"$LOCK"
    flock 9
    jest_lts integration-node24 --selectProjects integration --runInBand --forceExit
    flock -u 9
  fi
else
  failed=$((failed + 1))
fi
[ "$kafka_was_up" = false ] && npm run --silent infra:down
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
