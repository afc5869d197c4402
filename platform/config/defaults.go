package config

import (
	"errors"

	"github.com/caarlos0/env/v11"
)

// Defaults fills every zero field of cfg from its `envDefault` tag, reading
// nothing from the environment. The tags are the only place a default is
// written: the binary gets them through Load, and tests and in-process
// servers through Defaults after setting what they need, so defaults are
// never written twice. Required variables without a default stay zero.
func Defaults(cfg any) error {
	err := env.ParseWithOptions(cfg, env.Options{
		Environment:                  map[string]string{},
		SetDefaultsForZeroValuesOnly: true,
	})
	var agg env.AggregateError
	if !errors.As(err, &agg) {
		return err
	}
	var rest []error
	for _, e := range agg.Errors {
		var unset env.EnvVarIsNotSetError
		if !errors.As(e, &unset) {
			rest = append(rest, e)
		}
	}
	return errors.Join(rest...)
}
