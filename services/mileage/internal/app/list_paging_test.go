package app_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/platform/pagetoken"
)

// Issue 12 (conventions.md "Paging"), A8.1, A8.3: every mileage list reads
// page_size on the one rule: negative is bad input naming page_size, 0 is
// the default (50), above the maximum is served at the maximum (200,
// AIP-158); the token goes to the store untouched.
func TestA8_ListsReadPageSizeOnTheOneRule(t *testing.T) {
	t.Parallel()
	lists := map[string]func(f *fixture, size int, token string) error{
		"history lines": func(f *fixture, size int, token string) error {
			_, _, err := f.app.ListHistoryLines(as(citizen), "me", size, token)
			return err
		},
		"redemptions": func(f *fixture, size int, token string) error {
			_, _, err := f.app.ListRedemptions(as(official), citizen.Subject, size, token)
			return err
		},
		"rule versions": func(f *fixture, size int, token string) error {
			_, _, _, err := f.app.ListRuleVersions(context.Background(), "", size, token)
			return err
		},
	}
	for name, list := range lists {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for _, c := range []struct{ asked, served int }{{0, 50}, {1, 1}, {7, 7}, {200, 200}, {201, 200}, {100_000, 200}} {
				f := newFixture(t)
				require.NoError(t, list(f, c.asked, "tok"))
				require.Equal(t, []pagetoken.Page{{Size: c.served, Token: "tok"}}, f.db.pages, "page_size %d", c.asked)
			}
			f := newFixture(t)
			err := list(f, -1, "")
			require.True(t, errs.Is(err, errs.KindInvalid), "%v", err)
			require.Contains(t, errstest.Fields(t, err), "page_size")
			require.Empty(t, f.db.pages, "a bad page_size reads nothing")
		})
	}
}
