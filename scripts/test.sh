#!/usr/bin/env bash
# Runs every module's tests with the race detector. One throwaway PostgreSQL
# cluster (platform/cmd/testpg) is shared by all test binaries, each cloning
# its own databases from a migrated template; NATS is embedded per test.
set -euo pipefail
cd "$(dirname "$0")/.."
modules=(platform gateway deploy/local e2e services/content services/board services/petition services/event services/mileage services/privacy)
if [ -z "${SEOUL_TEST_PG_URL:-}" ]; then
  mkdir -p .cache/bin
  go build -o .cache/bin/testpg ./platform/cmd/testpg
  urlfile=$(mktemp)
  .cache/bin/testpg "$urlfile" &
  pgpid=$!
  trap 'kill $pgpid 2>/dev/null; wait $pgpid 2>/dev/null; rm -f "$urlfile"' EXIT
  for _ in $(seq 1 300); do [ -s "$urlfile" ] && break; kill -0 $pgpid || exit 1; sleep 0.1; done
  SEOUL_TEST_PG_URL=$(cat "$urlfile")
  export SEOUL_TEST_PG_URL
fi
pkgs=()
for m in "${modules[@]}"; do
  [ -d "$m" ] && pkgs+=("./$m/...")
done
go test -race -count=1 -timeout 25m "$@" "${pkgs[@]}"
