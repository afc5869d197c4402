#!/usr/bin/env bash
# Regenerates generated code from proto/ with the pinned tools, offline once
# .cache is warm. Generated files are committed; CI regenerates and fails on
# any diff (scripts/check-generated.sh).
#
#   scripts/generate.sh            everything (make generate)
#   scripts/generate.sh board      only gen/seoul/board (while working on it)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/tools.sh
scripts/protodeps.sh
export PATH=$PWD/.cache/bin:$PATH
if [ $# -gt 0 ]; then
  for svc in "$@"; do
    buf format -w --path "proto/seoul/$svc"
    find "gen/seoul/$svc" -name '*.pb.go' -o -name '*.pb.gw.go' | xargs -r rm -f
    buf generate --path "proto/seoul/$svc"
  done
  exit 0
fi
buf format -w proto
find gen -name '*.pb.go' -o -name '*.pb.gw.go' | xargs -r rm -f
rm -f gen/openapi/*.swagger.json
buf generate --path proto/seoul
buf generate --template buf.gen.openapi.yaml --path proto/seoul
