package launcher

import (
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
)

// serviceEnv is the service-specific configuration for a local run.
func (s *Suite) serviceEnv(svc string) ([]string, error) {
	return nil, nil
}

func asPg(err error, target **pgconn.PgError) bool { return errors.As(err, target) }
