#!/usr/bin/env bash
# Makes `promtool` available for the alert-rule checks of `npm test`: Debian's `prometheus` package
# (promtool ships in it). Needs root for apt-get (CI and the dev machines run as root); does nothing
# when promtool is already on PATH.
set -euo pipefail
command -v promtool >/dev/null 2>&1 && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "promtool is missing: install Debian's prometheus package (sudo apt-get install prometheus)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends prometheus >/dev/null ||
  { apt-get update >/dev/null && apt-get install -y --no-install-recommends prometheus >/dev/null; }
command -v promtool >/dev/null
