package server_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/contractors"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/privacy/server"
)

func contractorToken(subject string) identity.Claims {
	return identity.Claims{Subject: subject, Roles: []identity.Role{identity.RoleContractor}}
}

func grantRequest(subject, service string, from time.Time, days int) *privacyv1.GrantContractorAccessRequest {
	return &privacyv1.GrantContractorAccessRequest{ContractorSubject: subject, Company: "(주)한울시스템", Service: service,
		Role: "official", DepartmentCode: "D100", StartTime: timestamppb.New(from),
		EndTime: timestamppb.New(from.AddDate(0, 0, days)), Reason: "홈페이지 유지보수 용역 계약 2027-11", RequestId: "req-" + subject + service}
}

// projected waits until the bucket every service watches holds the grant
// in the state wanted.
func projected(t *testing.T, f fixture, id string, revoked bool) contractors.Grant {
	t.Helper()
	var g contractors.Grant
	servicetest.Eventually(t, "grant "+id+" projected", func() bool {
		kv, err := f.env.JS.KeyValue(context.Background(), contractors.Bucket)
		if err != nil {
			return false
		}
		e, err := kv.Get(context.Background(), id)
		if err != nil {
			return false
		}
		return json.Unmarshal(e.Value(), &g) == nil && g.Revoked == revoked
	})
	return g
}

// A3.2: admins grant a contractor access to one service, as an official
// of one department, for a period; the grant is kept with its history,
// published and projected into the bucket every service enforces; a
// revocation ends it the same way. Nobody else may grant, revoke or list.
func TestA3_2_AdminsGrantAndRevokeContractorAccessAudited(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	admin := f.as(t, servicetest.Admin("admin-1"))
	from := time.Now().UTC().Add(-time.Minute).Truncate(time.Second)
	resp, err := f.c.GrantContractorAccess(admin, grantRequest("contractor-1", "content", from, 30))
	require.NoError(t, err)
	g := resp.GetGrant()
	require.Equal(t, "admin-1", g.GetGrantedBy())
	again, err := f.c.GrantContractorAccess(admin, grantRequest("contractor-1", "content", from, 30))
	require.NoError(t, err, "a retry with the same request_id")
	require.Equal(t, g.GetId(), again.GetGrant().GetId())

	kv := projected(t, f, g.GetId(), false)
	require.Equal(t, contractors.Grant{ID: g.GetId(), Subject: "contractor-1", Company: "(주)한울시스템", Service: "content",
		Role: identity.RoleOfficial, Department: "D100", ValidFrom: from, ValidUntil: from.AddDate(0, 0, 30)}, withUTC(kv))
	ev := servicetest.WaitEvent(t, f.env.JS, "PRIVACY", "seoul.privacy.contractor.granted", func(m *privacyv1.ContractorGrantChanged) bool {
		return m.GetGrantId() == g.GetId()
	})
	require.Equal(t, "admin-1", ev.GetActorSubject())

	for _, who := range []identity.Claims{servicetest.PrivacyOfficer("po-1"), servicetest.Official("o-1", "D100"), contractorToken("contractor-1")} {
		_, err := f.c.RevokeContractorAccess(f.as(t, who), &privacyv1.RevokeContractorAccessRequest{GrantId: g.GetId(), Reason: "x"})
		servicetest.RequireCode(t, err, codes.PermissionDenied)
		_, err = f.c.ListContractorGrants(f.as(t, who), &privacyv1.ListContractorGrantsRequest{})
		servicetest.RequireCode(t, err, codes.PermissionDenied)
	}
	revoked, err := f.c.RevokeContractorAccess(admin, &privacyv1.RevokeContractorAccessRequest{GrantId: g.GetId(), Reason: "계약 종료"})
	require.NoError(t, err)
	require.NotNil(t, revoked.GetGrant().GetRevokeTime())
	require.Equal(t, "admin-1", revoked.GetGrant().GetRevokedBy())
	projected(t, f, g.GetId(), true)

	list, err := f.c.ListContractorGrants(admin, &privacyv1.ListContractorGrantsRequest{ContractorSubject: "contractor-1"})
	require.NoError(t, err)
	require.Len(t, list.GetContractorGrants(), 1)
	require.Equal(t, 2, f.count(t, `SELECT count(*) FROM contractor_grant_history WHERE grant_id = $1`, g.GetId()))
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM contractor_grant_history WHERE grant_id = $1 AND action = 'revoked'
		AND actor = 'admin-1' AND reason = '계약 종료'`, g.GetId()))
	_, err = f.db.Exec(context.Background(), `DELETE FROM contractor_grant_history`)
	require.Error(t, err, "the history is append-only")
	_, err = f.db.Exec(context.Background(), `UPDATE contractor_grants SET valid_until = valid_until + interval '1 day'`)
	require.Error(t, err, "a grant changes only by its revocation")
}

func withUTC(g contractors.Grant) contractors.Grant {
	g.ValidFrom, g.ValidUntil = g.ValidFrom.UTC(), g.ValidUntil.UTC()
	return g
}

// A3.2: bad grants are refused naming every bad field, and store nothing.
func TestA3_2_BadContractorGrantNamesTheFieldAndStoresNothing(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	admin := f.as(t, servicetest.Admin("admin-1"))
	now := time.Now().UTC()
	cases := map[string]func(r *privacyv1.GrantContractorAccessRequest){
		"contractor_subject": func(r *privacyv1.GrantContractorAccessRequest) { r.ContractorSubject = "" },
		"company":            func(r *privacyv1.GrantContractorAccessRequest) { r.Company = " " },
		"service":            func(r *privacyv1.GrantContractorAccessRequest) { r.Service = "gateway" },
		"role":               func(r *privacyv1.GrantContractorAccessRequest) { r.Role = "admin" },
		"department_code":    func(r *privacyv1.GrantContractorAccessRequest) { r.DepartmentCode = "" },
		"board_id":           func(r *privacyv1.GrantContractorAccessRequest) { r.Role = "moderator"; r.DepartmentCode = "" },
		"start_time":         func(r *privacyv1.GrantContractorAccessRequest) { r.StartTime = nil },
		"end_time":           func(r *privacyv1.GrantContractorAccessRequest) { r.EndTime = timestamppb.New(now.AddDate(1, 1, 0)) },
		"reason":             func(r *privacyv1.GrantContractorAccessRequest) { r.Reason = "" },
	}
	for field, spoil := range cases {
		r := grantRequest("contractor-1", "content", now, 30)
		spoil(r)
		_, err := f.c.GrantContractorAccess(admin, r)
		servicetest.RequireInvalidField(t, err, field)
	}
	r := grantRequest("contractor-1", "content", now, 30)
	r.EndTime = timestamppb.New(now.Add(-time.Hour))
	_, err := f.c.GrantContractorAccess(admin, r)
	servicetest.RequireInvalidField(t, err, "end_time")
	_, err = f.c.GrantContractorAccess(f.as(t, servicetest.PrivacyOfficer("po-1")), grantRequest("contractor-1", "content", now, 30))
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	require.Zero(t, f.count(t, `SELECT count(*) FROM contractor_grants`))
	require.Zero(t, f.count(t, `SELECT count(*) FROM outbox`))
}

// A3.2: one contractor cannot hold two grants in force together in one
// service as officials (which department would they act for?).
func TestA3_2_OverlappingContractorGrantRefused(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	admin := f.as(t, servicetest.Admin("admin-1"))
	now := time.Now().UTC()
	_, err := f.c.GrantContractorAccess(admin, grantRequest("contractor-1", "content", now, 30))
	require.NoError(t, err)
	second := grantRequest("contractor-1", "content", now.AddDate(0, 0, 29), 30)
	second.RequestId, second.DepartmentCode = "another", "D200"
	_, err = f.c.GrantContractorAccess(admin, second)
	servicetest.RequireCode(t, err, codes.FailedPrecondition)
	second.StartTime = timestamppb.New(now.AddDate(0, 0, 30))
	_, err = f.c.GrantContractorAccess(admin, second)
	require.NoError(t, err, "the next period does not overlap")
}

// A3.2: the privacy service enforces grants on itself like every service:
// a contractor with no grant here is refused a masked view; with a
// moderator grant for the privacy service they get one.
func TestA3_2_ContractorInPrivacyServiceOnlyWithItsGrant(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	f.store(t, "citizen-1", "name", "홍길동")
	req := &privacyv1.GetMaskedDataRequest{SubjectId: "citizen-1", Fields: []string{"name"}}
	c := f.as(t, contractorToken("contractor-1"))
	servicetest.Eventually(t, "the grants read and the contractor refused", func() bool {
		_, err := f.c.GetMaskedData(c, req)
		return status.Code(err) == codes.PermissionDenied
	})
	now := time.Now().UTC()
	r := grantRequest("contractor-1", "privacy", now.Add(-time.Minute), 7)
	r.Role, r.DepartmentCode, r.BoardId = "moderator", "", "0190a0b1-0000-7000-8000-000000000001"
	_, err := f.c.GrantContractorAccess(f.as(t, servicetest.Admin("admin-1")), r)
	require.NoError(t, err)
	servicetest.Eventually(t, "the contractor sees the masked name", func() bool {
		resp, err := f.c.GetMaskedData(c, req)
		return err == nil && resp.GetMasked()["name"] == "홍*동"
	})
}

// A3.2: a grant lost from the bucket (NATS's storage lost, a purge) is
// written again from the database by the sync job, and stays revoked if
// it was.
func TestA3_2_ContractorBucketRefilledFromTheDatabase(t *testing.T) {
	t.Parallel()
	cfg := server.TestConfig()
	cfg.ContractorSyncInterval = 200 * time.Millisecond
	f := start(t, cfg)
	admin := f.as(t, servicetest.Admin("admin-1"))
	now := time.Now().UTC().Truncate(time.Second)
	live, err := f.c.GrantContractorAccess(admin, grantRequest("contractor-1", "content", now, 30))
	require.NoError(t, err)
	gone, err := f.c.GrantContractorAccess(admin, grantRequest("contractor-1", "board", now, 30))
	require.NoError(t, err)
	_, err = f.c.RevokeContractorAccess(admin, &privacyv1.RevokeContractorAccessRequest{GrantId: gone.GetGrant().GetId(), Reason: "해지"})
	require.NoError(t, err)
	projected(t, f, live.GetGrant().GetId(), false)
	projected(t, f, gone.GetGrant().GetId(), true)

	kv, err := f.env.JS.KeyValue(context.Background(), contractors.Bucket)
	require.NoError(t, err)
	for _, id := range []string{live.GetGrant().GetId(), gone.GetGrant().GetId()} {
		require.NoError(t, kv.Purge(context.Background(), id))
	}
	projected(t, f, live.GetGrant().GetId(), false)
	projected(t, f, gone.GetGrant().GetId(), true)
}
