package server_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/metrics"
	"github.com/seoul-gov/homepage/platform/mtls"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/privacy/server"
)

// refused reads privacy_access_refused_total for operation and caller.
func refused(t testing.TB, operation, caller string) float64 {
	t.Helper()
	families, err := metrics.Registry.Gather()
	require.NoError(t, err)
	for _, f := range families {
		if f.GetName() != "privacy_access_refused_total" {
			continue
		}
		for _, m := range f.GetMetric() {
			labels := map[string]string{}
			for _, l := range m.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			if labels["operation"] == operation && labels["caller"] == caller {
				return m.GetCounter().GetValue()
			}
		}
	}
	return 0
}

// A10.1: anyone, even without a token, used to append rows to any
// citizen's append-only access log by asking for their masked data (the
// refusal was logged into the hash chain for good). Refusals are now
// counted in a metric, not written to the subject's log.
func TestA10_1_RefusalsAreCountedNotWrittenToTheSubjectsLog(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	f.store(t, "cit-p", "name", "정시민", "phone", "010-2020-3030")
	before := f.count(t, `SELECT count(*) FROM access_log`)
	anonBefore, neighbourBefore := refused(t, "masked_view", "anonymous"), refused(t, "masked_view", "citizen")

	for range 5 {
		_, err := f.c.GetMaskedData(context.Background(), &privacyv1.GetMaskedDataRequest{SubjectId: "cit-p"})
		servicetest.RequireCode(t, err, codes.Unauthenticated)
	}
	neighbour := f.as(t, servicetest.Citizen("cit-neighbour"))
	for range 3 {
		_, err := f.c.GetMaskedData(neighbour, &privacyv1.GetMaskedDataRequest{SubjectId: "cit-p"})
		servicetest.RequireCode(t, err, codes.PermissionDenied)
	}
	require.Equal(t, before, f.count(t, `SELECT count(*) FROM access_log`), "nothing appended to any log")
	require.GreaterOrEqual(t, refused(t, "masked_view", "anonymous")-anonBefore, 5.0)
	require.GreaterOrEqual(t, refused(t, "masked_view", "citizen")-neighbourBefore, 3.0)
	check, err := f.c.VerifyAccessLog(f.as(t, servicetest.PrivacyOfficer("po-verify")), &privacyv1.VerifyAccessLogRequest{})
	require.NoError(t, err)
	require.True(t, check.GetIntact())
}

// A10.1: a caller that keeps being refused is turned away before any work
// is done for it once its allowance is used (ResourceExhausted), even for
// calls that would succeed, until the allowance refills.
func TestA10_1_RefusedCallersAreRateLimited(t *testing.T) {
	t.Parallel()
	cfg := server.TestConfig()
	cfg.RefusalsPerMinute = 3
	f := start(t, cfg)
	f.store(t, "cit-q", "phone", "010-4040-5050")
	f.store(t, "cit-prober", "phone", "010-6060-7070")
	prober := f.as(t, servicetest.Citizen("cit-prober"))
	for range 3 {
		_, err := f.c.GetMaskedData(prober, &privacyv1.GetMaskedDataRequest{SubjectId: "cit-q"})
		servicetest.RequireCode(t, err, codes.PermissionDenied)
	}
	_, err := f.c.GetMaskedData(prober, &privacyv1.GetMaskedDataRequest{SubjectId: "cit-q"})
	servicetest.RequireCode(t, err, codes.ResourceExhausted)
	_, err = f.c.GetMaskedData(prober, &privacyv1.GetMaskedDataRequest{SubjectId: "cit-prober"})
	servicetest.RequireCode(t, err, codes.ResourceExhausted)
	_, err = f.c.GetMaskedData(f.as(t, servicetest.Citizen("cit-q")), &privacyv1.GetMaskedDataRequest{SubjectId: "cit-q"})
	require.NoError(t, err, "other callers are not affected")
}

// A3.2, A10.1: an official used to overwrite any citizen's phone (which
// would redirect call-backs). Now an official changes a citizen's data only
// within a case the citizen opened that the official's department holds,
// and the citizen sees the change in their own access history.
func TestA3_2_A10_1_OfficialsChangeDataOnlyWithinTheCitizensCase(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig(), servicetest.WithClients(testClients))
	tok := f.store(t, "cit-s", "phone", "010-1111-2222")
	official := f.as(t, servicetest.Official("o-civil-s", "SMG-CIVIL"))
	change := func(ctx context.Context, caseRef string) error {
		_, err := f.c.StorePersonalData(ctx, &privacyv1.StorePersonalDataRequest{SubjectId: "cit-s", Purpose: "complaint",
			CaseReference: caseRef, Fields: fields("phone", "010-9999-0000")})
		return err
	}
	servicetest.RequireCode(t, change(official, ""), codes.PermissionDenied)
	servicetest.RequireCode(t, change(official, "cmp-s-1"), codes.PermissionDenied) // no such case yet
	servicetest.RequireCode(t, change(f.as(t, servicetest.Machine("mail")), "cmp-s-1"), codes.PermissionDenied)
	servicetest.RequireCode(t, change(f.as(t, servicetest.Admin("adm-s")), "cmp-s-1"), codes.PermissionDenied)
	own, err := f.reveal(t, "cit-s", tok["phone"])
	require.NoError(t, err)
	require.Equal(t, "010-1111-2222", own["phone"], "nothing changed")

	f.assign(t, "cmp-s-1", "SMG-CIVIL", "cit-s")
	servicetest.RequireCode(t, change(f.as(t, servicetest.Official("o-welfare-s", "SMG-WELFARE")), "cmp-s-1"), codes.PermissionDenied)
	require.NoError(t, change(official, "cmp-s-1"))
	own, err = f.reveal(t, "cit-s", tok["phone"])
	require.NoError(t, err)
	require.Equal(t, "010-9999-0000", own["phone"], "the same token, the new value")

	mine, err := f.c.ListAccessLogEntries(f.as(t, servicetest.Citizen("cit-s")), &privacyv1.ListAccessLogEntriesRequest{SubjectId: "cit-s"})
	require.NoError(t, err)
	var byOfficial []*privacyv1.AccessLogEntry
	for _, e := range mine.GetAccessLogEntries() {
		if e.GetActorSubject() != "cit-s" {
			byOfficial = append(byOfficial, e)
		}
	}
	require.Len(t, byOfficial, 1, "the change, and none of the refused attempts")
	require.Equal(t, "o-civil-s", byOfficial[0].GetActorSubject())
	require.Equal(t, privacyv1.AccessOutcome_ACCESS_OUTCOME_STORED, byOfficial[0].GetOutcome())
	require.Equal(t, "cmp-s-1", byOfficial[0].GetCaseReference())
	require.Equal(t, []string{"phone"}, byOfficial[0].GetFields())
}

// The access log names the service that forwarded a citizen's call from
// its mutual-TLS certificate; an x-calling-service header is not believed.
func TestA10_1_CallingServiceIsTheVerifiedPeer(t *testing.T) {
	t.Parallel()
	ca, err := mtls.NewDevCA()
	require.NoError(t, err)
	f := start(t, server.TestConfig(), servicetest.WithTLS(ca))
	asBoard := privacyv1.NewPrivacyServiceClient(f.env.ConnAs(t, "board"))
	forged := metadata.AppendToOutgoingContext(f.as(t, servicetest.Citizen("cit-t")), "x-calling-service", "petition")
	_, err = asBoard.StorePersonalData(forged, &privacyv1.StorePersonalDataRequest{SubjectId: "cit-t", Purpose: "real_name_board",
		Fields: fields("name", "한시민")})
	require.NoError(t, err)
	log := f.accessLog(t, "cit-t")
	require.Len(t, log, 1)
	require.Equal(t, "board", log[0].GetCallingService())
}
