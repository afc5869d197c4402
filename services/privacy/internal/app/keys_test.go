package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/privacy/internal/app"
	"github.com/seoul-gov/homepage/services/privacy/internal/keyring"
)

// A10.4: admins and privacy officers see which key versions wrap how many
// data keys; only admins rewrap on demand. Rewrapping moves every data key
// to the active version in batches, and the data stays readable.
func TestKeyStatusAndRewrap(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name           string
		claims         identity.Claims
		status, rewrap errs.Kind
	}{
		{"admin", admin, ok, ok},
		{"privacy officer", officer, ok, errs.KindPermissionDenied},
		{"official", official("o-1", "SMG-ROAD"), errs.KindPermissionDenied, errs.KindPermissionDenied},
		{"anonymous", anonymous, errs.KindUnauthenticated, errs.KindUnauthenticated},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			tok := f.store(t, "cit-1", "phone", "010-1234-5678")
			for _, s := range []string{"cit-2", "cit-3", "cit-4", "cit-5"} {
				f.store(t, s, "name", "홍길동")
			}
			rotate(t, f)
			_, err := f.app.GetKeyStatus(as(tc.claims))
			require.Equal(t, tc.status, kindOf(err), "%v", err)
			n, err := f.app.RewrapDataKeys(as(tc.claims))
			require.Equal(t, tc.rewrap, kindOf(err), "%v", err)
			if tc.rewrap != ok {
				st, _ := f.app.GetKeyStatus(as(admin))
				require.Equal(t, int64(5), st.Usage[1], "nothing moved")
				return
			}
			require.Equal(t, 5, n, "three batches of two")
			st, err := f.app.GetKeyStatus(as(admin))
			require.NoError(t, err)
			require.Equal(t, map[int]int64{2: 5}, st.Usage)
			got, err := f.app.RevealPersonalData(as(citizen("cit-1")), app.RevealInput{Tokens: []string{tok["phone"]}, Purpose: "self_service"})
			require.NoError(t, err)
			require.Equal(t, "010-1234-5678", got[0].Value)
		})
	}
}

// rotate makes version 2 active, keeping version 1 for unwrapping.
func rotate(t *testing.T, f fixture) {
	t.Helper()
	keks, err := keyring.NewLocal(map[int][]byte{1: f.kek1, 2: keyring.RandomKey()}, 2)
	require.NoError(t, err)
	f.app.KEKs = keks
}
