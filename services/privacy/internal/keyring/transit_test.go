package keyring_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/services/privacy/internal/keyring"
	"github.com/seoul-gov/homepage/services/privacy/internal/keyring/transittest"
)

func transit(t *testing.T, s *transittest.Server, version int) *keyring.Transit {
	t.Helper()
	k, err := keyring.NewTransit(context.Background(), keyring.TransitConfig{Addr: s.URL, Mount: "transit", Key: s.Key,
		Token: func() (string, error) { return s.Token, nil }, Version: version})
	require.NoError(t, err)
	return k
}

// A10.4: data keys are wrapped by the KMS under its key's versions, bound
// to their owner; a wrapped key under another owner, or claiming another
// version, does not unwrap; after a rotation the old versions still
// unwrap while new keys go under the latest.
func TestA10_4_TransitWrapsDataKeysInTheKMS(t *testing.T) {
	t.Parallel()
	s := transittest.Start(t)
	ctx := context.Background()
	k := transit(t, s, 0)
	require.Equal(t, 1, k.ActiveVersion())
	dek := keyring.RandomKey()
	w, err := k.Wrap(ctx, 1, dek, []byte("subject-a|1"))
	require.NoError(t, err)
	require.Regexp(t, `^vault:v1:`, string(w))
	require.NotContains(t, string(w), string(dek))
	got, err := k.Unwrap(ctx, 1, w, []byte("subject-a|1"))
	require.NoError(t, err)
	require.Equal(t, dek, got)
	_, err = k.Unwrap(ctx, 1, w, []byte("subject-b|1"))
	require.Error(t, err, "bound to its owner")
	_, err = k.Unwrap(ctx, 2, w, []byte("subject-a|1"))
	require.ErrorIs(t, err, keyring.ErrUnknownVersion, "the row's version must be the ciphertext's")

	s.Rotate()
	latest := transit(t, s, 0)
	require.Equal(t, 2, latest.ActiveVersion())
	require.Equal(t, []int{1, 2}, latest.Versions())
	w2, err := latest.Wrap(ctx, 2, dek, []byte("subject-a|2"))
	require.NoError(t, err)
	require.Regexp(t, `^vault:v2:`, string(w2))
	got, err = latest.Unwrap(ctx, 1, w, []byte("subject-a|1"))
	require.NoError(t, err)
	require.Equal(t, dek, got)
	require.Equal(t, 1, transit(t, s, 1).ActiveVersion(), "an operator may keep the previous version active")

	_, err = keyring.NewTransit(ctx, keyring.TransitConfig{Addr: s.URL, Mount: "transit", Key: s.Key,
		Token: func() (string, error) { return "wrong", nil }})
	require.ErrorContains(t, err, "403")
	require.NotContains(t, err.Error(), "wrong")
	_, err = keyring.NewTransit(ctx, keyring.TransitConfig{Addr: s.URL, Mount: "transit", Key: s.Key,
		Token: func() (string, error) { return s.Token, nil }, Version: 3})
	require.ErrorContains(t, err, "no version 3")
}
