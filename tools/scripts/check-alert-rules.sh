#!/usr/bin/env bash
# Alert rules (deploy/prometheus/rules) are valid and behave as their unit tests say:
# `promtool check rules` + `promtool test rules`. Installs promtool first when missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tools/infra/install-promtool.sh
promtool check rules deploy/prometheus/rules/*.rules.yml
promtool test rules deploy/prometheus/tests/*.test.yml
promtool check config tools/infra/prometheus/prometheus.yml
