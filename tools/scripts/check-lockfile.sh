#!/usr/bin/env bash
# Fails when `npm ci` would refuse package-lock.json (out of sync with package.json, or missing a
# platform's optional build such as @swc/core-darwin-arm64 — what breaks `docker build` and CI).
# Runs `npm ci --dry-run` on a copy of the two files in a temporary folder, so the check never
# depends on or touches this checkout's node_modules. Needs the npm registry (metadata only).
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp package.json package-lock.json "$tmp/"
if out=$(cd "$tmp" && npm ci --dry-run --ignore-scripts --no-audit --no-fund 2>&1); then
  echo "npm ci --dry-run: the lockfile installs ($(node -p 'Object.keys(require("./package-lock.json").packages).length - 1') locked packages)"
else
  echo "npm ci --dry-run refuses package-lock.json; run \`npm install\` and commit the lockfile:" >&2
  grep -E '^npm (error|ERR)' <<<"$out" | head -n 20 >&2
  exit 1
fi
