package wire_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/locale"
	"github.com/seoul-gov/homepage/platform/localized/wire"
)

func TestReaderLanguage(t *testing.T) {
	t.Parallel()
	ctx := locale.WithAcceptLanguage(context.Background(), "ja;q=0.9, en;q=0.8")
	require.Equal(t, "ja", wire.ReaderLanguage(ctx, ""))
	require.Equal(t, "zh-Hans", wire.ReaderLanguage(ctx, "zh-Hans"), "the request's field comes first")
	require.Empty(t, wire.ReaderLanguage(context.Background(), ""), "no preference: Korean")
}
