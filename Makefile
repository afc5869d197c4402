# The Seoul homepage services suite. Two commands matter:
#   make run    bring the whole suite up locally (Ctrl-C stops everything)
#   make test   everything CI checks: generated code fresh, lint, all tests
SHELL := /bin/bash
.DEFAULT_GOAL := help

SERVICES := content board petition event mileage privacy mail
MODULES  := platform gen gateway web deploy/local deploy/manifests e2e $(addprefix services/,$(SERVICES))
BIN      := $(CURDIR)/bin

.PHONY: help
help: ## list targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

.PHONY: build
build: ## build every binary into bin/
	@mkdir -p $(BIN)
	go build -o $(BIN)/ $(foreach s,$(SERVICES),./services/$(s)/cmd/$(s)) ./gateway/cmd/gateway ./web/cmd/web ./platform/cmd/natsd ./platform/cmd/deadletters ./deploy/local/cmd/seoul-local
	scripts/build-mailpit.sh $(BIN)/mailpit

.PHONY: run
run: build ## run the whole suite on embedded NATS and a throwaway PostgreSQL; homepage on :8090, edge on :8080
	$(BIN)/seoul-local -bin $(BIN)

.PHONY: generate
generate: ## regenerate gen/ from proto/ (pinned buf and plugins, offline once cached)
	scripts/generate.sh

.PHONY: proto-baseline
proto-baseline: ## at a release: record the protos as the baseline that make lint's buf breaking compares against
	scripts/tools.sh && scripts/protodeps.sh
	.cache/bin/buf build --exclude-source-info -o proto/baseline.binpb

.PHONY: check-generated
check-generated: ## fail if committed generated code differs from a fresh generation
	scripts/check-generated.sh

.PHONY: lint
lint: ## buf lint + buf format check + the AIP naming check (gen/aip) + buf breaking against proto/baseline.binpb + OpenAPI lint (Redocly) + gofmt + go vet on every module
	scripts/tools.sh && scripts/protodeps.sh && scripts/nodetools.sh
	.cache/bin/buf lint
	.cache/bin/buf format -d --exit-code proto
	cd gen && go test -count=1 ./aip/
	.cache/bin/buf build -o .cache/proto-current.binpb
	.cache/bin/buf breaking .cache/proto-current.binpb --against proto/baseline.binpb
	REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true .cache/node/node_modules/.bin/redocly lint \
	  --config redocly.yaml --max-problems 50 gen/openapi/seoul.swagger.json gen/openapi/seoul.openapi.json
	@test -z "$$(gofmt -l $(MODULES))" || { gofmt -l $(MODULES); echo "gofmt: files above need formatting"; exit 1; }
	@for m in $(MODULES); do echo "go vet $$m"; (cd $$m && go vet ./...) || exit 1; done

.PHONY: test
test: check-generated lint test-go ## what CI runs

.PHONY: test-go
test-go: ## every module's tests with the race detector (PostgreSQL and NATS start themselves)
	scripts/test.sh

.PHONY: test-standalone
test-standalone: ## build and vet each module alone (GOWORK=off), as container builds do
	@for m in $(MODULES); do echo "GOWORK=off $$m"; (cd $$m && GOWORK=off go build ./... && GOWORK=off go vet ./...) || exit 1; done

.PHONY: bench
bench: ## benchmarks (edge vs bare HTTP, ledger vs raw SQL, screening, vault ...)
	scripts/bench.sh

.PHONY: load
load: ## drive a realistic mix through a running edge (make run; LOAD_URL, LOAD_RATE, LOAD_DURATION, LOAD_CITIZENS)
	go run ./gateway/cmd/load

.PHONY: clean
clean: ## remove build output (not .cache)
	rm -rf $(BIN)
