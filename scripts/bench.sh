#!/usr/bin/env bash
# Runs every benchmark in one run, so ratios against bare baselines (edge vs
# a minimal net/http handler, ledger postings vs raw SQL) are measured on the
# same machine under the same load. Figures are reported, never asserted.
#   BENCH=Edge scripts/bench.sh     only benchmarks matching Edge
set -euo pipefail
cd "$(dirname "$0")/.."
exec scripts/with-testinfra.sh go test -run '^$' -bench "${BENCH:-.}" -benchmem -count "${COUNT:-1}" -timeout 30m \
  ./platform/... ./gateway/... ./services/content/... ./services/board/... ./services/petition/... \
  ./services/event/... ./services/mileage/... ./services/privacy/... ./services/mail/... ./e2e/...
