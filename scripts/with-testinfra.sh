#!/usr/bin/env bash
# Runs a command with the test infrastructure every test binary shares:
#  - one throwaway PostgreSQL cluster (platform/cmd/testpg) exported as
#    SEOUL_TEST_PG_URL (each binary clones its own databases from a migrated
#    template) and removed afterwards; an existing SEOUL_TEST_PG_URL is used
#    as is;
#  - natsd (platform/cmd/natsd) built once and exported as SEOUL_TEST_NATSD,
#    so each test binary starts its NATS servers from it instead of linking
#    its own copy;
#  - mailpit (the SMTP server with a web inbox and an API, pinned in
#    tools/mailpit; scripts/build-mailpit.sh) built once and exported as
#    SEOUL_TEST_MAILPIT for the tests that send mail;
#  - the pinned npm tools (scripts/nodetools.sh) for the end-to-end test of
#    the generated TypeScript client.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/nodetools.sh
mkdir -p .cache/bin
go build -o .cache/bin/natsd ./platform/cmd/natsd
SEOUL_TEST_NATSD=$PWD/.cache/bin/natsd
export SEOUL_TEST_NATSD
scripts/build-mailpit.sh .cache/bin/mailpit
SEOUL_TEST_MAILPIT=$PWD/.cache/bin/mailpit
export SEOUL_TEST_MAILPIT
if [ -n "${SEOUL_TEST_PG_URL:-}" ]; then
  exec "$@"
fi
go build -o .cache/bin/testpg ./platform/cmd/testpg
urlfile=$(mktemp)
.cache/bin/testpg "$urlfile" &
pgpid=$!
trap 'kill $pgpid 2>/dev/null; wait $pgpid 2>/dev/null; rm -f "$urlfile"' EXIT
for _ in $(seq 1 300); do
  [ -s "$urlfile" ] && break
  kill -0 $pgpid 2>/dev/null || { echo "testpg failed to start PostgreSQL" >&2; exit 1; }
  sleep 0.1
done
SEOUL_TEST_PG_URL=$(cat "$urlfile")
export SEOUL_TEST_PG_URL
"$@"
