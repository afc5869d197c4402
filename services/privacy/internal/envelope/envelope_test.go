package envelope_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/services/privacy/internal/envelope"
	"github.com/seoul-gov/homepage/services/privacy/internal/keyring"
)

// TestTamperedCiphertextOrAADFails: any change to the sealed bytes or to the
// subject/field the ciphertext is bound to fails authentication (A10.4).
func TestTamperedCiphertextOrAADFails(t *testing.T) {
	t.Parallel()
	dek := keyring.RandomKey()
	sealed, err := envelope.Seal(dek, []byte("010-1234-5678"), envelope.FieldAAD("s1", "phone"))
	require.NoError(t, err)
	pt, err := envelope.Open(dek, sealed, envelope.FieldAAD("s1", "phone"))
	require.NoError(t, err)
	require.Equal(t, "010-1234-5678", string(pt))

	for i := range sealed {
		bad := append([]byte(nil), sealed...)
		bad[i] ^= 0x01
		_, err := envelope.Open(dek, bad, envelope.FieldAAD("s1", "phone"))
		require.ErrorIs(t, err, envelope.ErrTampered, "byte %d", i)
	}
	_, err = envelope.Open(dek, sealed, envelope.FieldAAD("s2", "phone"))
	require.ErrorIs(t, err, envelope.ErrTampered, "moved to another subject")
	_, err = envelope.Open(dek, sealed, envelope.FieldAAD("s1", "email"))
	require.ErrorIs(t, err, envelope.ErrTampered, "moved to another field")
	_, err = envelope.Open(keyring.RandomKey(), sealed, envelope.FieldAAD("s1", "phone"))
	require.ErrorIs(t, err, envelope.ErrTampered, "other key")
	_, err = envelope.Open(dek, sealed[:10], envelope.FieldAAD("s1", "phone"))
	require.ErrorIs(t, err, envelope.ErrTampered, "truncated")
}

func TestSealIsRandomizedAndIndexIsDeterministic(t *testing.T) {
	t.Parallel()
	dek := keyring.RandomKey()
	a, _ := envelope.Seal(dek, []byte("x"), nil)
	b, _ := envelope.Seal(dek, []byte("x"), nil)
	require.NotEqual(t, a, b, "equal plaintexts must not give equal ciphertexts")
	k := envelope.DeriveKeys(keyring.RandomKey())
	require.Equal(t, k.BlindIndex("phone", "010-1234-5678"), k.BlindIndex("phone", "010-1234-5678"))
	require.NotEqual(t, k.BlindIndex("phone", "010-1234-5678"), k.BlindIndex("emergency_phone", "010-1234-5678"))
	other := envelope.DeriveKeys(keyring.RandomKey())
	require.NotEqual(t, k.BlindIndex("phone", "010-1234-5678"), other.BlindIndex("phone", "010-1234-5678"))
	require.NotEqual(t, k.ChainKey(), k.BlindIndex("", ""))
}

// A10.4: the blind index has versions; a lookup computes the value's index
// under each, and the chain key does not depend on which are configured.
func TestBlindIndexVersions(t *testing.T) {
	t.Parallel()
	k1, k2 := keyring.RandomKey(), keyring.RandomKey()
	one := envelope.DeriveKeys(k1)
	both := envelope.NewKeys(map[int][]byte{1: k1, 2: k2}, 2, k1)
	only2 := envelope.NewKeys(map[int][]byte{2: k2}, 2, k1)
	require.Equal(t, 2, both.IndexVersion())
	idx := both.BlindIndexes("phone", "010-1234-5678")
	require.Equal(t, one.BlindIndex("phone", "010-1234-5678"), idx[1], "version 1 is the old index")
	require.Equal(t, both.BlindIndex("phone", "010-1234-5678"), idx[2])
	require.NotEqual(t, idx[1], idx[2])
	require.Equal(t, one.ChainKey(), only2.ChainKey())
}
