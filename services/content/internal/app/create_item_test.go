package app_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/content/internal/app"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// fakeDepartments knows SMG-DIGITAL only.
type fakeDepartments struct{ app.Departments }

func (fakeDepartments) Get(_ context.Context, code string) (domain.Department, error) {
	if code == "SMG-DIGITAL" {
		return domain.Department{Code: code, NameKo: "디지털정책과", Phone: "02-2133-2900"}, nil
	}
	return domain.Department{}, errs.NotFound("no department")
}

// fakeItems records what would be stored.
type fakeItems struct {
	app.Items
	stored []*domain.Item
}

func (f *fakeItems) Create(_ context.Context, it *domain.Item, _ string) (*domain.Item, error) {
	f.stored = append(f.stored, it)
	return it, nil
}

// A4.2: only officials of the owning department (or admins) create its
// items, the department must exist, and refused requests store nothing.
func TestCreateItemAuthorization(t *testing.T) {
	t.Parallel()
	official := identity.Claims{Subject: "o1", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-DIGITAL"}
	cases := []struct {
		name   string
		claims identity.Claims
		dept   string
		kind   errs.Kind
		ok     bool
	}{
		{"official of the department", official, "SMG-DIGITAL", 0, true},
		{"admin", identity.Claims{Subject: "a1", Roles: []identity.Role{identity.RoleAdmin}}, "SMG-DIGITAL", 0, true},
		{"official of another department", identity.Claims{Subject: "o2", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CULTURE"}, "SMG-DIGITAL", errs.KindPermissionDenied, false},
		{"citizen", identity.Claims{Subject: "c1", Roles: []identity.Role{identity.RoleCitizen}}, "SMG-DIGITAL", errs.KindPermissionDenied, false},
		{"anonymous", identity.Claims{}, "SMG-DIGITAL", errs.KindUnauthenticated, false},
		{"unknown department", identity.Claims{Subject: "a1", Roles: []identity.Role{identity.RoleAdmin}}, "SMG-NOWHERE", errs.KindInvalid, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			items := &fakeItems{}
			a := app.New(app.Ports{Departments: fakeDepartments{}, Items: items}, app.Settings{ReviewCycles: domain.DefaultReviewCycles()}, nil)
			_, err := a.CreateItem(identity.With(context.Background(), tc.claims), app.CreateItem{ContentInput: app.ContentInput{
				DepartmentCode: tc.dept, Kind: domain.KindPolicy, Texts: domain.RawTexts{Title: map[string]string{"ko": "정책"}}}})
			if tc.ok {
				require.NoError(t, err)
				require.Len(t, items.stored, 1)
				require.Equal(t, domain.StatusDraft, items.stored[0].Status)
				return
			}
			require.True(t, errs.Is(err, tc.kind), "got %v", err)
			require.Empty(t, items.stored)
		})
	}
}
