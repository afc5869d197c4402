package apppassword_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/services/mail/internal/apppassword"
)

// A password verifies against its own hash only; the hash holds no trace
// of it and differs every time (salted); a garbled hash matches nothing.
func TestHashAndVerify(t *testing.T) {
	t.Parallel()
	pw, err := apppassword.Generate()
	require.NoError(t, err)
	require.Regexp(t, `^[a-km-np-z2-9]{5}(-[a-km-np-z2-9]{5}){3}$`, pw)
	other, err := apppassword.Generate()
	require.NoError(t, err)
	require.NotEqual(t, pw, other)

	h, err := apppassword.Hash(pw)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$"))
	require.NotContains(t, h, pw)
	require.True(t, apppassword.Verify(h, pw))
	require.False(t, apppassword.Verify(h, other))
	require.False(t, apppassword.Verify(h, pw+" "))
	h2, err := apppassword.Hash(pw)
	require.NoError(t, err)
	require.NotEqual(t, h, h2)
	require.False(t, apppassword.Verify("$argon2id$garbled", pw))
	require.False(t, apppassword.Verify(apppassword.Decoy, pw))
}
