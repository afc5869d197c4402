#!/usr/bin/env bash
# Runs a command with one throwaway PostgreSQL cluster (platform/cmd/testpg)
# exported as SEOUL_TEST_PG_URL, shared by every test binary the command
# starts (each clones its own databases from a migrated template), and
# removes the cluster afterwards. An existing SEOUL_TEST_PG_URL is used as is.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${SEOUL_TEST_PG_URL:-}" ]; then
  exec "$@"
fi
mkdir -p .cache/bin
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
