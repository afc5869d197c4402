#!/usr/bin/env bash
# Regenerates everything and fails when the committed files differ, so
# generated code can never drift from proto/ (nor be edited by hand).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/generate.sh
if ! git diff --exit-code --stat -- gen proto || [ -n "$(git status --porcelain -- gen proto)" ]; then
  git status --porcelain -- gen proto
  echo "generated code is stale: run 'make generate' and commit the result" >&2
  exit 1
fi
echo "generated code is fresh"
