#!/usr/bin/env bash
# Runs every benchmark in one run, so ratios against bare baselines (edge vs
# a minimal net/http handler, ledger postings vs raw SQL) are measured on the
# same machine under the same load. Figures are reported, never asserted.
#   BENCH=Edge scripts/bench.sh     only benchmarks matching Edge
# PostgreSQL keeps fsync on, as in service (tests run it off for speed), so a
# commit costs what it costs in service and batching is measured honestly.
set -euo pipefail
export SEOUL_TEST_PG_FSYNC=on
cd "$(dirname "$0")/.."
exec scripts/with-testinfra.sh go test -run '^$' -bench "${BENCH:-.}" -benchmem -count "${COUNT:-1}" -timeout 30m \
  ./platform/... ./gateway/... ./services/content/... ./services/board/... ./services/petition/... \
  ./services/event/... ./services/mileage/... ./services/privacy/... ./services/mail/... ./e2e/...
