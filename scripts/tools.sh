#!/usr/bin/env bash
# Installs the pinned code generators (versions in tools/go.mod; the Go
# client generator for the OpenAPI contract among them) into .cache/bin.
# Cold, buf takes a few minutes to build; afterwards this is a
# no-op unless tools/go.mod changed.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$PWD/.cache/bin
stamp=$bin/.stamp-$(sha256sum tools/go.mod | cut -c1-16)
[ -f "$stamp" ] && exit 0
mkdir -p "$bin"
(cd tools && GOWORK=off GOBIN="$bin" go install \
  github.com/bufbuild/buf/cmd/buf \
  github.com/grpc-ecosystem/grpc-gateway/v2/protoc-gen-grpc-gateway \
  github.com/grpc-ecosystem/grpc-gateway/v2/protoc-gen-openapiv2 \
  github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen \
  google.golang.org/grpc/cmd/protoc-gen-go-grpc \
  google.golang.org/protobuf/cmd/protoc-gen-go)
rm -f "$bin"/.stamp-* && touch "$stamp"
