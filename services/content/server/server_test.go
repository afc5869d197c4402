package server_test

import (
	"context"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/platform/testinfra"
	"github.com/seoul-gov/homepage/services/content/server"
)

func TestMain(m *testing.M) { os.Exit(testinfra.Main(m)) }

func TestServesOnceMigrated(t *testing.T) {
	t.Parallel()
	env := servicetest.Start(t, server.Spec())
	_, err := env.Pool.Exec(context.Background(), `INSERT INTO departments (code, name_ko) VALUES ('D1', '총무과')`)
	require.NoError(t, err)
	resp, err := contentv1.NewContentServiceClient(env.Conn).ListDepartments(context.Background(), &contentv1.ListDepartmentsRequest{})
	require.NoError(t, err)
	require.Len(t, resp.Departments, 1)
}
