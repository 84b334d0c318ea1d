#!/usr/bin/env bash
# `npm run demo`: installs what is missing, starts the local infrastructure, builds, and runs the
# demo orchestrator (services + simulator + summary). Infrastructure stays up afterwards for poking
# around (`npm run infra:down` stops it).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -d node_modules ] || npm install --no-audit --no-fund --no-save
npm run --silent infra:up
npm run --silent build
node dist/tools/demo/demo.js "$@"
