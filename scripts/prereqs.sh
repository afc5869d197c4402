#!/usr/bin/env bash
# Installs the prerequisites a fresh Debian/Ubuntu machine may lack: the
# PostgreSQL server binaries (tests and `make run` start throwaway clusters
# from them), Node's npm (builds Mailpit's web inbox once, and fetches
# google/api protos while generating code and axe-core for the browser
# tests), and Chromium with Korean fonts (the homepage's browser tests drive
# it headless; the fonts make their failure screenshots legible). Go 1.26
# must already be installed.
set -euo pipefail
need=()
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  need+=(postgresql postgresql-contrib)
fi
command -v npm >/dev/null 2>&1 || need+=(npm)
command -v git >/dev/null 2>&1 || need+=(git)
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "cjk" || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "please install: ${need[*]} (sudo apt-get install ${need[*]})" >&2
    exit 1
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi
command -v go >/dev/null 2>&1 || { echo "Go 1.26 is required: https://go.dev/doc/install" >&2; exit 1; }
