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
# generate_contract writes the OpenAPI contract (Swagger 2.0 and OpenAPI
# 3.0, gateway/cmd/contract) and the clients generated from it: Go
# (oapi-codegen) and TypeScript (openapi-typescript, for openapi-fetch).
generate_contract() {
  rm -rf .cache/openapi
  buf generate --template buf.gen.openapi.yaml --path proto/seoul
  go run ./gateway/cmd/contract -in .cache/openapi/seoul.swagger.json -authz docs/authorization.md \
    -v2 gen/openapi/seoul.swagger.json -v3 gen/openapi/seoul.openapi.json
  oapi-codegen -config gen/openapi/seoulapi/oapi-codegen.yaml gen/openapi/seoul.openapi.json
  .cache/node/node_modules/.bin/openapi-typescript gen/openapi/seoul.openapi.json \
    -o gen/openapi/ts/seoul.d.ts >/dev/null
}
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
buf generate --path proto/seoul
scripts/nodetools.sh
generate_contract
