package clienttest_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/privacy/client"
	"github.com/seoul-gov/homepage/services/privacy/client/clienttest"
)

// The fake refuses and masks by the vault's own rules, keeps a field's
// token when it is stored again, forgets erased subjects and fails on
// demand.
func TestFakeBehavesLikeTheVault(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := clienttest.New()
	_, err := f.Store(ctx, client.StoreRequest{Subject: "s1", Fields: []client.Field{{Name: "phone", Value: "12"}},
		Paths: client.Paths{"phone": "contact.phone"}})
	var e *errs.Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, "contact.phone", e.Violations[0].Field)
	require.Equal(t, "PHONE_KR", e.Violations[0].Reason)
	require.Zero(t, f.Len())

	first, err := f.Store(ctx, client.StoreRequest{Subject: "s1", Fields: []client.Field{{Name: "name", Value: "홍길동"}, {Name: "phone", Value: "010 1234 5678"}}})
	require.NoError(t, err)
	require.Equal(t, "010-****-5678", first["phone"].Masked)
	again, err := f.Store(ctx, client.StoreRequest{Subject: "s1", Fields: []client.Field{{Name: "phone", Value: "010-9999-8888"}}})
	require.NoError(t, err)
	require.Equal(t, first["phone"].Token, again["phone"].Token)
	v, _ := f.Value("s1", "phone")
	require.Equal(t, "010-9999-8888", v)
	name, err := f.MaskedName(ctx, "s1")
	require.NoError(t, err)
	require.Equal(t, "홍*동", name)
	matches, err := f.FindSubject(ctx, "phone", "01099998888", "p", "")
	require.NoError(t, err)
	require.Equal(t, []client.Match{{Subject: "s1", Token: first["phone"].Token}}, matches)

	f.Erase("s1")
	_, err = f.MaskedName(ctx, "s1")
	require.Equal(t, errs.KindNotFound, errs.KindOf(err))
	_, err = f.Reveal(ctx, "p", "", first["phone"].Token)
	require.Equal(t, errs.KindNotFound, errs.KindOf(err))

	f.Fail(errs.PermissionDenied("PERSONAL_DATA_ACCESS_DENIED"), "Store")
	_, err = f.Store(ctx, client.StoreRequest{Subject: "s2", Fields: []client.Field{{Name: "name", Value: "김철수"}}})
	require.Equal(t, errs.KindPermissionDenied, errs.KindOf(err))
	_, err = f.StoreTexts(ctx, client.TextsRequest{Subject: "s2", Texts: map[string]string{"d/body": "본문"}})
	require.NoError(t, err, "only the named method fails")
	f.Fail(nil, "Store")
	_, err = f.Store(ctx, client.StoreRequest{Subject: "s2", Fields: []client.Field{{Name: "name", Value: "김철수"}}})
	require.NoError(t, err)
}
