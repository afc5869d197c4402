#!/usr/bin/env bash
# Runs every module's tests with the race detector against one shared
# throwaway PostgreSQL; NATS is embedded per test. Extra arguments go to
# `go test` (e.g. scripts/test.sh -run TestBoard).
set -euo pipefail
cd "$(dirname "$0")/.."
exec scripts/with-testinfra.sh go test -race -count=1 -timeout 25m "$@" \
  ./platform/... ./gateway/... ./web/... ./deploy/local/... ./deploy/manifests/... ./services/content/... ./services/board/... ./services/petition/... \
  ./services/event/... ./services/mileage/... ./services/privacy/... ./services/mail/... ./e2e/...
