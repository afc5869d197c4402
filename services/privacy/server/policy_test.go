package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/privacy/server"
)

// TestA10_3_PolicyIsPostedVersionedAndPublic: a policy is in force from the
// first start; new versions take over at their effective date; the
// current one and the history are public; published text never changes.
func TestA10_3_PolicyIsPostedVersionedAndPublic(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	public := context.Background()
	cur, err := f.c.GetCurrentPolicy(public, &privacyv1.GetCurrentPolicyRequest{})
	require.NoError(t, err)
	require.Equal(t, "1.0", cur.Policy.Version)
	require.Contains(t, cur.Policy.BodyKo, "개인정보")
	require.Contains(t, cur.Policy.BodyEn, "personal information")

	officer := f.as(t, servicetest.PrivacyOfficer("po"))
	next := &privacyv1.PublishPolicyRequest{Version: "2.0", TitleKo: "개인정보 처리방침 2.0", TitleEn: "Privacy Policy 2.0",
		BodyKo: "개정된 처리방침", BodyEn: "Revised policy", EffectiveFrom: timestamppb.New(time.Now().Add(-time.Minute))}
	future := &privacyv1.PublishPolicyRequest{Version: "3.0", TitleKo: "개인정보 처리방침 3.0", TitleEn: "Privacy Policy 3.0",
		BodyKo: "예정된 처리방침", BodyEn: "Upcoming policy", EffectiveFrom: timestamppb.New(time.Now().Add(24 * time.Hour))}
	for _, p := range []*privacyv1.PublishPolicyRequest{next, future, next} {
		_, err := f.c.PublishPolicy(officer, p)
		require.NoError(t, err)
	}
	changed := proto.CloneOf(next)
	changed.BodyKo = "몰래 바뀐 문구"
	_, err = f.c.PublishPolicy(officer, changed)
	servicetest.RequireCode(t, err, codes.AlreadyExists)
	_, err = f.c.PublishPolicy(f.as(t, servicetest.Moderator("m")), future)
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = f.c.PublishPolicy(officer, &privacyv1.PublishPolicyRequest{Version: "4.0", TitleKo: "t"})
	servicetest.RequireInvalidField(t, err, "body_en")

	cur, err = f.c.GetCurrentPolicy(public, &privacyv1.GetCurrentPolicyRequest{})
	require.NoError(t, err)
	require.Equal(t, "2.0", cur.Policy.Version)
	require.Equal(t, next.BodyKo, cur.Policy.BodyKo, "the published text, not the changed one")
	require.Equal(t, next.BodyEn, cur.Policy.BodyEn)
	require.Equal(t, next.TitleKo, cur.Policy.TitleKo)
	hist, err := f.c.ListPolicyVersions(public, &privacyv1.ListPolicyVersionsRequest{})
	require.NoError(t, err)
	var versions []string
	for _, p := range hist.Policies {
		versions = append(versions, p.Version)
		if p.Version == "2.0" {
			require.Equal(t, next.BodyKo, p.BodyKo, "the published text, not the changed one")
		}
	}
	require.Equal(t, []string{"3.0", "2.0", "1.0"}, versions)
}
