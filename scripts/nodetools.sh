#!/usr/bin/env bash
# Installs the pinned npm tools of tools/node (package-lock.json: exact
# versions and integrity hashes) into .cache/node, once: the OpenAPI linter
# (make lint), the TypeScript client generator (make generate) and the
# TypeScript compiler and fetch client the generated-client end-to-end test
# runs with node. Offline once npm's cache holds them; nothing is committed.
# Install scripts are not run (none of these tools needs one).
set -euo pipefail
cd "$(dirname "$0")/.."
dest=.cache/node
stamp=$dest/.stamp-$(cat tools/node/package.json tools/node/package-lock.json | sha256sum | cut -c1-16)
[ -f "$stamp" ] && [ -d "$dest/node_modules" ] && exit 0
rm -rf "$dest" && mkdir -p "$dest"
cp tools/node/package.json tools/node/package-lock.json "$dest/"
(cd "$dest" && npm ci --ignore-scripts --no-audit --no-fund --prefer-offline --loglevel=error >/dev/null)
touch "$stamp"
