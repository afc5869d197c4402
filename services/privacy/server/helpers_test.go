package server_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/privacy/server"
)

// fixture is one running privacy service and a client for it.
type fixture struct {
	env *servicetest.Env
	c   privacyv1.PrivacyServiceClient
	// db and dbURL are the service's database; after a restart on the
	// same database they differ from env's own (unused) clone.
	db    *pgxpool.Pool
	dbURL string
}

func start(t testing.TB, cfg *server.Config, opts ...servicetest.Option) fixture {
	t.Helper()
	env := servicetest.Start(t, server.SpecWith(cfg), opts...)
	return fixture{env: env, c: privacyv1.NewPrivacyServiceClient(env.Conn), db: env.Pool, dbURL: env.DBURL}
}

func (f fixture) as(t testing.TB, c identity.Claims) context.Context { return f.env.As(t, c) }

func serviceClaims(name string) identity.Claims {
	return identity.Claims{Subject: "svc-" + name, Roles: []identity.Role{identity.RoleService}, Client: name}
}

func fields(kv ...string) []*privacyv1.PersonalField {
	out := make([]*privacyv1.PersonalField, 0, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, &privacyv1.PersonalField{Name: kv[i], Value: kv[i+1]})
	}
	return out
}

// store saves fields as the subject themself and returns field → token.
func (f fixture) store(t testing.TB, subject string, kv ...string) map[string]string {
	t.Helper()
	resp, err := f.c.StorePersonalData(f.as(t, servicetest.Citizen(subject)), &privacyv1.StorePersonalDataRequest{
		SubjectId: subject, Purpose: "complaint", Fields: fields(kv...)})
	require.NoError(t, err)
	out := map[string]string{}
	for _, tok := range resp.GetTokens() {
		out[tok.GetField()] = tok.GetToken()
	}
	return out
}

// reveal reveals tokens as the subject themself.
func (f fixture) reveal(t testing.TB, subject string, tokens ...string) (map[string]string, error) {
	t.Helper()
	resp, err := f.c.RevealPersonalData(f.as(t, servicetest.Citizen(subject)), &privacyv1.RevealPersonalDataRequest{
		Tokens: tokens, Purpose: "self_service"})
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, v := range resp.GetValues() {
		out[v.GetField()] = v.GetValue()
	}
	return out, nil
}

func (f fixture) count(t testing.TB, sql string, args ...any) int {
	t.Helper()
	var n int
	require.NoError(t, f.db.QueryRow(context.Background(), sql, args...).Scan(&n))
	return n
}

func (f fixture) accessLog(t testing.TB, subject string) []*privacyv1.AccessLogEntry {
	t.Helper()
	resp, err := f.c.ListAccessLog(f.as(t, servicetest.PrivacyOfficer("po-audit")), &privacyv1.ListAccessLogRequest{SubjectId: subject})
	require.NoError(t, err)
	return resp.GetEntries()
}
