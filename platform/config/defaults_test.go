package config_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/config"
)

type jobsConfig struct {
	Interval time.Duration `env:"JOB_INTERVAL" envDefault:"1m"`
	Batch    int           `env:"JOB_BATCH" envDefault:"100"`
	Secret   string        `env:"JOB_SECRET,required"`
}

func TestDefaultsFillOnlyZeroFieldsFromTags(t *testing.T) {
	t.Setenv("JOB_BATCH", "7") // the environment is not read
	cfg := jobsConfig{Interval: 50 * time.Millisecond}
	require.NoError(t, config.Defaults(&cfg))
	require.Equal(t, 50*time.Millisecond, cfg.Interval, "a value the test set is kept")
	require.Equal(t, 100, cfg.Batch, "from the envDefault tag, not the environment")
	require.Empty(t, cfg.Secret, "a required variable without default stays unset")
}
