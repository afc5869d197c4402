package domain_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

func TestNormalizeAndMask(t *testing.T) {
	t.Parallel()
	cases := []struct {
		field, in, normalized, masked string
	}{
		{"name", " 홍길동 ", "홍길동", "홍*동"},
		{"name", "홍길", "홍길", "홍*"},
		{"name", "남궁민수", "남궁민수", "남**수"},
		{"phone", "01012345678", "010-1234-5678", "010-****-5678"},
		{"phone", "010 1234 5678", "010-1234-5678", "010-****-5678"},
		{"phone", "02-123-4567", "02-123-4567", "02-***-4567"},
		{"email", "Hong@Example.COM", "Hong@example.com", "H***@example.com"},
		{"address", "서울특별시  중구 세종대로 110", "서울특별시 중구 세종대로 110", "서울특별시 중구 ***"},
		{"postal_code", "04524", "04524", "045**"},
		{"birth_date", "1990-05-17", "1990-05-17", "1990-**-**"},
		{"transit_card_number", "1234 5678 9012 3456", "1234-5678-9012-3456", "****-****-****-3456"},
		{"account_number", "110-123-456789", "110123456789", "********6789"},
	}
	for _, c := range cases {
		t.Run(c.field+"/"+c.in, func(t *testing.T) {
			n, err := domain.Normalize(c.field, c.in, time.Now())
			require.NoError(t, err)
			require.Equal(t, c.normalized, n)
			require.Equal(t, c.masked, domain.Mask(c.field, n))
		})
	}
}

func TestNormalizeRejectsBadValues(t *testing.T) {
	t.Parallel()
	cases := []struct{ field, in string }{
		{"name", ""}, {"name", "홍길동1"}, {"phone", "12345"}, {"phone", "010-1234-567a"},
		{"email", "not-an-email"}, {"email", "a@b"}, {"address", "x"}, {"postal_code", "1234"},
		{"birth_date", "1990-13-01"}, {"birth_date", "2999-01-01"}, {"transit_card_number", "1234"},
		{"account_number", "12ab"}, {"shoe_size", "270"},
	}
	for _, c := range cases {
		_, err := domain.Normalize(c.field, c.in, time.Now())
		require.Error(t, err, "%s=%q", c.field, c.in)
	}
}
