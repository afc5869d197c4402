package server_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
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
	resp, err := f.c.ListAccessLogEntries(f.as(t, servicetest.PrivacyOfficer("po-audit")), &privacyv1.ListAccessLogEntriesRequest{SubjectId: subject})
	require.NoError(t, err)
	return resp.GetAccessLogEntries()
}

// complaintEvent publishes seoul.petition.complaint.<kind> under event id
// id, as the petition service's relay would, and waits until the privacy
// service has applied it (or recognised it as already applied).
func (f fixture) complaintEvent(t testing.TB, kind, id string, ev *petitionv1.ComplaintEvent) {
	t.Helper()
	if ev.OccurTime == nil {
		ev.OccurTime = timestamppb.Now()
	}
	servicetest.PublishEvent(t, f.env.JS, "petition", "seoul.petition.complaint."+kind, id, ev)
	f.waitApplied(t, "grants-petition", id)
}

// assign publishes the assignment of complaintID (the complaint of
// subject) to department and waits for the grant: what the petition
// service does when the Mayor's office dispatches a complaint.
func (f fixture) assign(t testing.TB, complaintID, department, subject string) {
	t.Helper()
	f.complaintEvent(t, "assigned", fmt.Sprintf("assigned-%s-%s", complaintID, department), &petitionv1.ComplaintEvent{
		ComplaintId: complaintID, DepartmentCode: department, CitizenSubject: subject, Detail: department})
}

// eventEvent publishes an event-service domain event and waits until the
// privacy service has applied it.
func (f fixture) eventEvent(t testing.TB, subject, id string, msg proto.Message) {
	t.Helper()
	servicetest.PublishEvent(t, f.env.JS, "event", subject, id, msg)
	f.waitApplied(t, "grants-event", id)
}

// waitApplied waits until consumer has recorded event id in its inbox.
func (f fixture) waitApplied(t testing.TB, consumer, id string) {
	t.Helper()
	servicetest.Eventually(t, consumer+" applies "+id, func() bool {
		return f.count(t, `SELECT count(*) FROM inbox WHERE consumer = $1 AND event_id = $2`, consumer, id) == 1
	})
}

// grants lists the case's grants in force as a privacy officer sees them.
func (f fixture) grants(t testing.TB, caseRef string) []*privacyv1.RevealGrant {
	t.Helper()
	resp, err := f.c.ListRevealGrants(f.as(t, servicetest.PrivacyOfficer("po-grants")), &privacyv1.ListRevealGrantsRequest{CaseReference: caseRef})
	require.NoError(t, err)
	return resp.GetRevealGrants()
}

// ago is a timestamp d before now.
func ago(d time.Duration) *timestamppb.Timestamp { return timestamppb.New(time.Now().Add(-d)) }
