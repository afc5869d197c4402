package keyring_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/services/privacy/internal/keyring"
)

func TestWrapUnwrapByVersion(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	k1, k2 := keyring.RandomKey(), keyring.RandomKey()
	ring, err := keyring.ParseList("1:"+keyring.EncodeKey(k1)+", 2:"+keyring.EncodeKey(k2), 0)
	require.NoError(t, err)
	require.Equal(t, 2, ring.ActiveVersion(), "defaults to the highest version")
	require.Equal(t, []int{1, 2}, ring.Versions())
	dek := keyring.RandomKey()
	w, err := ring.Wrap(ctx, 1, dek, []byte("s1"))
	require.NoError(t, err)
	got, err := ring.Unwrap(ctx, 1, w, []byte("s1"))
	require.NoError(t, err)
	require.Equal(t, dek, got)
	_, err = ring.Unwrap(ctx, 2, w, []byte("s1"))
	require.Error(t, err, "wrong version")
	_, err = ring.Unwrap(ctx, 1, w, []byte("s2"))
	require.Error(t, err, "wrong owner")
	_, err = ring.Unwrap(ctx, 3, w, []byte("s1"))
	require.ErrorIs(t, err, keyring.ErrUnknownVersion)
}

func TestKeyConfigErrors(t *testing.T) {
	t.Parallel()
	good := keyring.EncodeKey(keyring.RandomKey())
	for _, list := range []string{"1", "x:" + good, "1:short", "1:" + good + ",0:" + good} {
		_, err := keyring.ParseList(list, 0)
		require.Error(t, err, list)
	}
	_, err := keyring.ParseList("1:"+good, 2)
	require.Error(t, err, "active version not configured")
}

func TestDevFilesAreKeptAcrossRestarts(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	kek, idx, err := keyring.WriteDevFiles(dir)
	require.NoError(t, err)
	first, err := os.ReadFile(kek)
	require.NoError(t, err)
	require.NotEmpty(t, first)
	firstIdx, err := os.ReadFile(idx)
	require.NoError(t, err)
	require.NotEmpty(t, firstIdx)
	_, _, err = keyring.WriteDevFiles(dir)
	require.NoError(t, err)
	again, err := os.ReadFile(kek)
	require.NoError(t, err)
	require.Equal(t, first, again)
	againIdx, err := os.ReadFile(idx)
	require.NoError(t, err)
	require.Equal(t, firstIdx, againIdx)
	ring, err := keyring.LoadFile(kek)
	require.NoError(t, err)
	require.Equal(t, 1, ring.ActiveVersion())
	require.FileExists(t, filepath.Join(dir, filepath.Base(idx)))
}
