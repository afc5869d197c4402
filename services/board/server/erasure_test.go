package server_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/types/known/timestamppb"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// A5.7, A10: when the privacy service erases a subject, the board drops
// the cached masked name and the name shown on their real-name posts —
// once, even if the event is delivered twice: a name the subject
// registered again after the erasure survives the replayed copy.
func TestSubjectErasedDropsMaskedNames(t *testing.T) {
	t.Parallel()
	f := startWithPrivacy(t)
	b := f.board(t, func(r *boardv1.CreateBoardRequest) { r.RealNameRequired = true })
	f.storeName(t, alice, "김서울")
	p := f.post(t, alice, b.GetId(), "제안", "실명으로 남기는 제안입니다")
	require.Equal(t, "김*울", p.GetAuthorDisplay())

	ev := &privacyv1.SubjectErased{SubjectId: alice.Subject, OccurTime: timestamppb.Now()}
	servicetest.PublishEvent(t, f.env.JS, "privacy", "seoul.privacy.subject.erased", "erase-1", ev)
	servicetest.Eventually(t, "masked name dropped", func() bool {
		return f.count(t, `SELECT count(*) FROM author_names WHERE subject_id = $1`, alice.Subject) == 0
	})
	got, err := f.api.GetPost(public, &boardv1.GetPostRequest{PostId: p.GetId()})
	require.NoError(t, err)
	require.Equal(t, "(삭제된 이용자)", got.GetAuthorDisplay())

	// The subject comes back under a new name and posts again.
	f.storeName(t, alice, "이한강")
	p2 := f.post(t, alice, b.GetId(), "다시 제안", "새 이름으로 남기는 제안입니다")
	require.Equal(t, "이*강", p2.GetAuthorDisplay())

	// The same erasure is delivered again, past JetStream's de-duplication;
	// a later erasure of another subject on the same consumer marks when
	// the copy has been handled.
	servicetest.PublishDuplicate(t, f.env.JS, "privacy", "seoul.privacy.subject.erased", "erase-1", ev)
	servicetest.PublishEvent(t, f.env.JS, "privacy", "seoul.privacy.subject.erased", "erase-marker",
		&privacyv1.SubjectErased{SubjectId: bob.Subject, OccurTime: timestamppb.Now()})
	servicetest.Eventually(t, "marker erasure handled", func() bool {
		return f.count(t, `SELECT count(*) FROM inbox WHERE event_id = 'erase-marker'`) == 1
	})

	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM author_names WHERE subject_id = $1`, alice.Subject),
		"the replayed erasure must not drop the name registered after it")
	got2, err := f.api.GetPost(public, &boardv1.GetPostRequest{PostId: p2.GetId()})
	require.NoError(t, err)
	require.Equal(t, "이*강", got2.GetAuthorDisplay())
	got, err = f.api.GetPost(public, &boardv1.GetPostRequest{PostId: p.GetId()})
	require.NoError(t, err)
	require.Equal(t, "(삭제된 이용자)", got.GetAuthorDisplay())
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM inbox WHERE event_id = 'erase-1'`))
}
