package server_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/privacy/server"
)

// A10.1, A10.2: NUL (which PostgreSQL text cannot hold) in any request
// string is InvalidArgument naming the field, never Internal, and nothing
// is recorded.
func TestNULInPrivacyRequestsIsInvalidNamingTheField(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	officer := f.as(t, identity.Claims{Subject: "po-nul", Roles: []identity.Role{identity.RolePrivacyOfficer}})
	official := f.as(t, servicetest.Official("off-nul", "SMG-CIVIL"))
	logged := f.count(t, `SELECT count(*) FROM access_log`)
	_, err := f.c.FindSubject(official, &privacyv1.FindSubjectRequest{Field: "phone", Value: "010-1234-5678",
		Purpose: "complaint_handling", CaseReference: "c\x00"})
	servicetest.RequireInvalidField(t, err, "case_reference")
	_, err = f.c.ListAccessLogEntries(officer, &privacyv1.ListAccessLogEntriesRequest{SubjectId: "\x00"})
	servicetest.RequireInvalidField(t, err, "subject_id")
	_, err = f.c.RequestDisclosure(official, &privacyv1.RequestDisclosureRequest{RequestId: "r-nul", Requester: "경찰\x00",
		LegalBasis: privacyv1.LegalBasis_LEGAL_BASIS_INVESTIGATION, LegalReference: "형사소송법", Purpose: "investigation",
		SubjectId: "s-nul", Fields: []string{"name"}})
	servicetest.RequireInvalidField(t, err, "requester")
	_, err = f.c.PlaceLegalHold(officer, &privacyv1.PlaceLegalHoldRequest{SubjectId: "s-nul", Reason: "\x00", CaseReference: "c"})
	servicetest.RequireInvalidField(t, err, "reason")
	require.Zero(t, f.count(t, `SELECT count(*) FROM disclosures`))
	require.Zero(t, f.count(t, `SELECT count(*) FROM legal_holds`))
	require.Equal(t, logged, f.count(t, `SELECT count(*) FROM access_log`), "no access was logged")
}

// A10.2: a negative page size of the register is bad input.
func TestListDisclosuresRefusesNegativePageSize(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	officer := f.as(t, identity.Claims{Subject: "po-page", Roles: []identity.Role{identity.RolePrivacyOfficer}})
	_, err := f.c.ListDisclosures(officer, &privacyv1.ListDisclosuresRequest{PageSize: -1})
	servicetest.RequireInvalidField(t, err, "page_size")
}
