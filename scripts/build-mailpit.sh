#!/usr/bin/env bash
# Builds Mailpit (the suite's SMTP server with a web inbox and an API, the Go
# module pinned in tools/mailpit) into the binary named by $1, with its web
# inbox. The Go module ships the inbox's sources but not its JavaScript
# bundle, so this builds the bundle as the Mailpit project does — npm ci from
# its package-lock, then esbuild — into a copy of the module's sources under
# .cache/mailpit/, and builds the binary from that copy. Everything is
# fetched here, at build time, and cached; nothing is fetched at run time.
#
# tools/mailpit/ui/package-lock.json is Mailpit's own lock less rapidoc (the
# API docs page's viewer, which the npm registry we reach does not serve) and
# the optional sass-embedded it brought: every other package is pinned to
# Mailpit's version and checksum, which this script checks before building.
set -euo pipefail
out=$(realpath -m "${1:?usage: build-mailpit.sh OUTPUT}")
root=$(cd "$(dirname "$0")/.." && pwd)
ui=$root/tools/mailpit/ui
cd "$root/tools/mailpit"
export GOWORK=off
# A fresh machine's module cache lacks the module: list -m names no directory
# until it is downloaded.
go mod download github.com/axllent/mailpit
src=$(go list -m -f '{{.Dir}}' github.com/axllent/mailpit)
version=$(go list -m -f '{{.Version}}' github.com/axllent/mailpit)
lockhash=$(cat go.mod go.sum "$ui"/package.json "$ui"/package-lock.json "$ui"/build.mjs | sha256sum | cut -c1-12)
cache=$root/.cache/mailpit/$version-$lockhash
mkdir -p "$root/.cache/mailpit"

# One build at a time: test binaries may ask for Mailpit together.
exec 9>"$root/.cache/mailpit/lock"
flock 9

# pins lists a lock's packages as "path version checksum" lines.
pins() {
  node -e 'const l = require(process.argv[1]); for (const [k, v] of Object.entries(l.packages)) if (k) console.log(k, v.version, v.integrity || "")' "$1" | sort
}

if [ ! -s "$cache/src/server/ui/dist/app.js" ]; then
  command -v npm >/dev/null || { echo "build-mailpit: npm is needed to build Mailpit's web inbox (apt-get install npm)" >&2; exit 1; }
  drift=$(comm -13 <(pins "$src/package-lock.json") <(pins "$ui/package-lock.json"))
  if [ -n "$drift" ]; then
    echo "build-mailpit: tools/mailpit/ui/package-lock.json pins packages Mailpit $version does not:" >&2
    echo "$drift" >&2
    exit 1
  fi
  rm -rf "$cache"
  mkdir -p "$cache"
  cp -r "$src" "$cache/src"
  chmod -R u+w "$cache/src"
  cp "$ui/package.json" "$ui/package-lock.json" "$ui/build.mjs" "$cache/src/"
  (cd "$cache/src" &&
    npm ci --ignore-scripts --legacy-peer-deps --no-audit --no-fund --loglevel=error >/dev/null &&
    node build.mjs &&
    rm -rf node_modules)
fi
[ -s "$cache/go.mod" ] || {
  cp go.mod "$cache/go.mod.tmp" && cp go.sum "$cache/go.sum"
  echo "replace github.com/axllent/mailpit => $cache/src" >>"$cache/go.mod.tmp"
  mv "$cache/go.mod.tmp" "$cache/go.mod"
}
go build -modfile="$cache/go.mod" -o "$out" github.com/axllent/mailpit
