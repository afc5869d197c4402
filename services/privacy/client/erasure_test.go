package client_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"testing/fstest"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/messaging"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/platform/testinfra"
	"github.com/seoul-gov/homepage/services/privacy/client"
	"github.com/seoul-gov/homepage/services/privacy/server"
)

// forgotten is what a consuming service did about erasures, one row per
// effect (no unique constraint: a second effect would show).
var forgotten = fstest.MapFS{"00001_forgotten.sql": {Data: []byte(
	"-- +goose Up\nCREATE TABLE forgotten (subject_id text NOT NULL);\n")}}

// A10.4: a subject erased in the vault is forgotten by a consuming service
// exactly once, in the transaction that records the event; an erasure
// without a subject id forgets nothing and is dead-lettered.
func TestA10_4_ErasureConsumerForgetsOnce(t *testing.T) {
	t.Parallel()
	env := servicetest.Start(t, server.SpecWith(server.TestConfig()))
	pool := testinfra.Database(t, "privacy-client-erasure", func(ctx context.Context, url string) error {
		return pg.MigrateURL(ctx, url, forgotten)
	})
	ctx, cancel := context.WithCancel(context.Background())
	_, err := messaging.EnsureDeadLetterStream(ctx, env.JS, "tester", 1)
	require.NoError(t, err)
	forget := func(ctx context.Context, tx pgx.Tx, subject string) error {
		_, err := tx.Exec(ctx, `INSERT INTO forgotten (subject_id) VALUES ($1)`, subject)
		return err
	}
	runner := client.ErasureConsumer("tester", env.JS, pool, slog.New(slog.NewTextHandler(io.Discard, nil)), forget)
	done := make(chan error, 1)
	go func() { done <- runner.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })

	c := client.New(env.Conn)
	citizen := env.As(t, servicetest.Citizen("cit-gone"))
	_, err = c.Store(citizen, client.StoreRequest{Subject: "cit-gone", Purpose: "complaint",
		Fields: []client.Field{{Name: "name", Value: "홍길동"}}})
	require.NoError(t, err)
	_, err = privacyv1.NewPrivacyServiceClient(env.Conn).EraseSubject(citizen, &privacyv1.EraseSubjectRequest{SubjectId: "cit-gone"})
	require.NoError(t, err)
	count := func(sql string, args ...any) int { return servicetest.Count(t, pool, sql, args...) }
	servicetest.Eventually(t, "the erasure forgotten", func() bool {
		return count(`SELECT count(*) FROM forgotten WHERE subject_id = 'cit-gone'`) == 1
	})

	servicetest.PublishEvent(t, env.JS, "privacy", client.SubjectErased, "erased-empty", &privacyv1.SubjectErased{})
	servicetest.PublishEvent(t, env.JS, "privacy", client.SubjectErased, "erased-2", &privacyv1.SubjectErased{SubjectId: "cit-2"})
	servicetest.PublishDuplicate(t, env.JS, "privacy", client.SubjectErased, "erased-2", &privacyv1.SubjectErased{SubjectId: "cit-2"})
	// The consumer handles events in stream order: once a later one is
	// applied, the copy before it was handled.
	servicetest.PublishEvent(t, env.JS, "privacy", client.SubjectErased, "erased-3", &privacyv1.SubjectErased{SubjectId: "cit-3"})
	servicetest.Eventually(t, "the event after the copy applied", func() bool {
		return count(`SELECT count(*) FROM forgotten WHERE subject_id = 'cit-3'`) == 1
	})
	require.Equal(t, 1, count(`SELECT count(*) FROM forgotten WHERE subject_id = 'cit-2'`))
	require.Zero(t, count(`SELECT count(*) FROM forgotten WHERE subject_id = ''`))
	dead := servicetest.Events[privacyv1.SubjectErased](t, env.JS, "TESTER_DLQ", messaging.DeadLetterSubject("tester", "privacy-erasure"), 1)
	require.Empty(t, dead[0].GetSubjectId())
}
