#!/usr/bin/env bash
# Regenerates every generated file from proto/ with the pinned tools, offline
# once .cache is warm. Generated files are committed; CI runs this and fails
# on any diff (scripts/check-generated.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/tools.sh
scripts/protodeps.sh
export PATH=$PWD/.cache/bin:$PATH
find gen -name '*.pb.go' -o -name '*.pb.gw.go' | xargs -r rm -f
rm -f gen/openapi/*.swagger.json
buf format -w proto
buf generate --path proto/seoul
