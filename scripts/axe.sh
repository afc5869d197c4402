#!/usr/bin/env bash
# Fetches axe-core (pinned) into .cache/axe-core once, for the browser tests
# that inject it into every page of the web front (e2e/web_*_test.go). Like
# the google protos of protodeps.sh it is a test-time tool, never committed
# and never served by the site.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=4.14.1
dest=.cache/axe-core
[ -f "$dest/axe.min.js" ] && [ -f "$dest/.version-$VERSION" ] && exit 0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "axe-core@$VERSION" >/dev/null && tar xzf axe-core-*.tgz)
rm -rf "$dest" && mkdir -p "$dest"
cp "$tmp/package/axe.min.js" "$tmp/package/LICENSE" "$dest/"
touch "$dest/.version-$VERSION"
