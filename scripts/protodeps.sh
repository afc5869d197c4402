#!/usr/bin/env bash
# Fetches google/api/{annotations,http}.proto into .cache/protodeps from the
# npm package google-proto-files (pinned), once. These files are needed only
# while generating code and are never committed.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=5.0.1
dest=.cache/protodeps
[ -f "$dest/google/api/annotations.proto" ] && [ -f "$dest/.version-$VERSION" ] && exit 0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "google-proto-files@$VERSION" >/dev/null && tar xzf google-proto-files-*.tgz)
rm -rf "$dest" && mkdir -p "$dest/google/api"
for f in annotations http field_behavior; do
  cp "$tmp/package/google/api/$f.proto" "$dest/google/api/"
done
touch "$dest/.version-$VERSION"
