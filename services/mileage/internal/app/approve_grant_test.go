package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// A8.1: four eyes — a large grant is credited only when another official
// of the programme (or an admin), neither its requester nor its citizen,
// approves it; the audit names the requester.
func TestA8_1_ApproveGrantFourEyes(t *testing.T) {
	t.Parallel()
	staffCitizen := identity.Claims{Subject: "civil-3", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CIVIL"}
	for _, c := range []struct {
		name     string
		approver identity.Claims
		subject  string
		want     errs.Kind
		reason   string
	}{
		{"second official", second, citizen.Subject, errstest.Succeeds, ""},
		{"admin", admin, citizen.Subject, errstest.Succeeds, ""},
		{"the requester", official, citizen.Subject, errs.KindPermissionDenied, "SECOND_OFFICIAL_APPROVES"},
		{"the citizen, an official", staffCitizen, staffCitizen.Subject, errs.KindPermissionDenied, "SECOND_OFFICIAL_APPROVES"},
		{"official of another department", outsider, citizen.Subject, errs.KindPermissionDenied, "DEPARTMENT_REQUIRED"},
		{"citizen", other, citizen.Subject, errs.KindPermissionDenied, "DEPARTMENT_REQUIRED"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			g, err := f.app.GrantPoints(as(official), c.subject, 30_000, "대규모 봉사", "req-00000003")
			require.NoError(t, err)
			r, aw, err := f.app.ApproveGrant(as(c.approver), g.Request.ID)
			errstest.RequireOutcome(t, c.want, c.reason, err)
			if c.want != errstest.Succeeds {
				require.Equal(t, domain.GrantPending, f.db.grants[g.Request.ID].Status, "still pending")
				require.Empty(t, f.db.awards)
				require.Empty(t, f.db.audits)
				return
			}
			require.Equal(t, domain.GrantApproved, r.Status)
			require.Equal(t, c.approver.Subject, r.ApprovedBy)
			require.Equal(t, aw.ID, r.AwardID)
			require.EqualValues(t, 30_000, f.balance(c.subject))
			require.Len(t, f.db.audits, 1)
			require.Equal(t, official.Subject, f.db.audits[0].Actor, "audited as the requester's grant")

			again, aw2, err := f.app.ApproveGrant(as(c.approver), g.Request.ID)
			require.NoError(t, err, "approving an approved grant returns it")
			require.Equal(t, r.AwardID, again.AwardID)
			require.Equal(t, aw.ID, aw2.ID)
			require.EqualValues(t, 30_000, f.balance(c.subject), "credited once")
		})
	}
}

func TestA8_1_ApproveGrantRefusesBadAndUnknownIDs(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	_, _, err := f.app.ApproveGrant(as(second), "not-a-uuid")
	require.ElementsMatch(t, []string{"grant_id"}, errstest.Fields(t, err))
	_, _, err = f.app.ApproveGrant(as(second), "0190f0a0-0000-7000-8000-000000000009")
	errstest.RequireOutcome(t, errs.KindNotFound, "", err)
}
