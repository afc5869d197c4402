package domain_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// TestDisclosureScopeFitsBasis: statistics never name a subject or fields;
// identifiable bases name both, and bases 1 and 3 cite a legal reference (A10.2).
func TestDisclosureScopeFitsBasis(t *testing.T) {
	t.Parallel()
	base := domain.Disclosure{Requester: "서울중부경찰서", Purpose: "investigation", SubjectID: "s1", Fields: []string{"phone"}}
	cases := []struct {
		name  string
		edit  func(*domain.Disclosure)
		field string
	}{
		{"investigation ok", func(d *domain.Disclosure) { d.Basis, d.LegalReference = domain.BasisInvestigation, "영장 2026-123" }, ""},
		{"investigation needs reference", func(d *domain.Disclosure) { d.Basis = domain.BasisInvestigation }, "legal_reference"},
		{"consent ok without reference", func(d *domain.Disclosure) { d.Basis = domain.BasisConsent }, ""},
		{"statistics with subject", func(d *domain.Disclosure) {
			d.Basis, d.Fields, d.Dimension = domain.BasisStatistics, nil, domain.DimensionAgeBand
		}, "subject_id"},
		{"statistics with fields", func(d *domain.Disclosure) {
			d.Basis, d.SubjectID, d.Dimension = domain.BasisStatistics, "", domain.DimensionAgeBand
		}, "fields"},
		{"statistics ok", func(d *domain.Disclosure) {
			d.Basis, d.SubjectID, d.Fields, d.Dimension = domain.BasisStatistics, "", nil, domain.DimensionDistrict
		}, ""},
		{"no basis", func(d *domain.Disclosure) {}, "legal_basis"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := base
			c.edit(&d)
			err := domain.ValidateDisclosure(d)
			if c.field == "" {
				require.NoError(t, err)
				return
			}
			require.Contains(t, errstest.Fields(t, err), c.field)
		})
	}
}

func TestDisclosureDecisionRules(t *testing.T) {
	t.Parallel()
	now := time.Now()
	po := actor("po1", "privacy_officer")
	d := domain.Disclosure{Basis: domain.BasisConsent, Status: domain.StatusPending, RecordedBy: "po1"}
	require.True(t, errs.Is(d.Decide(po, true, "", true, now), errs.KindPermissionDenied), "four eyes")
	require.True(t, errs.Is(d.Decide(actor("o1", "official"), true, "", true, now), errs.KindPermissionDenied))
	other := actor("po2", "privacy_officer")
	require.True(t, errs.Is(d.Decide(other, true, "", false, now), errs.KindFailedPrecondition), "no consent")
	require.NoError(t, d.Decide(other, true, "consented", true, now))
	require.True(t, errs.Is(d.Release(other, false, now), errs.KindFailedPrecondition), "consent withdrawn")
	require.NoError(t, d.Release(other, true, now))
	require.Equal(t, domain.StatusReleased, d.Status)
	require.True(t, errs.Is(d.Release(other, true, now), errs.KindFailedPrecondition), "released once")
}

func TestDimensionsGeneralize(t *testing.T) {
	t.Parallel()
	l, ok := domain.DimensionDistrict.Generalize("서울특별시 중구 세종대로 110", time.Now())
	require.True(t, ok)
	require.Equal(t, "서울특별시 중구", l)
	l, _ = domain.DimensionAgeBand.Generalize("1990-05-17", time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	require.Equal(t, "30-39", l)
}
