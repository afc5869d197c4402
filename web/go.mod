module github.com/seoul-gov/homepage/web

go 1.26.0

replace (
	github.com/seoul-gov/homepage/gen => ../gen
	github.com/seoul-gov/homepage/platform => ../platform
	github.com/seoul-gov/homepage/services/event => ../services/event
)

require (
	github.com/coreos/go-oidc/v3 v3.21.0
	github.com/nicksnyder/go-i18n/v2 v2.7.0
	github.com/seoul-gov/homepage/gen v0.0.0-00010101000000-000000000000
	github.com/seoul-gov/homepage/platform v0.0.0-00010101000000-000000000000
	github.com/stretchr/testify v1.12.1
	golang.org/x/oauth2 v0.38.0
	golang.org/x/text v0.44.0
	google.golang.org/protobuf v1.36.12
)

require go.yaml.in/yaml/v3 v3.0.6 // indirect

require (
	github.com/caarlos0/env/v11 v11.4.2 // indirect
	github.com/cespare/xxhash/v2 v2.3.0 // indirect
	github.com/go-jose/go-jose/v4 v4.1.9
	github.com/grpc-ecosystem/grpc-gateway/v2 v2.33.0 // indirect
	github.com/seoul-gov/homepage/services/event v0.0.0-00010101000000-000000000000
	go.opentelemetry.io/otel v1.47.0 // indirect
	go.opentelemetry.io/otel/trace v1.47.0 // indirect
	golang.org/x/net v0.62.0 // indirect
	golang.org/x/sys v0.50.0 // indirect
	google.golang.org/genproto/googleapis/api v0.0.0-20261110000943-09e21b237f2c // indirect
	google.golang.org/genproto/googleapis/rpc v0.0.0-20261110000943-09e21b237f2c // indirect
	google.golang.org/grpc v1.85.0 // indirect
)
