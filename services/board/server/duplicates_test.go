package server_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/board/server"
)

// A5.8: a light rewording of the author's own post of 25 days ago, on
// another board, is flagged as a near-duplicate naming the earlier post; a
// different post on the same topic is not; once the earlier post is older
// than the 30-day window, the rewording is no longer compared with it.
func TestRewordedRepeatAcrossBoardsWithinMonthA5_8(t *testing.T) {
	t.Parallel()
	f := start(t)
	b1, b2 := f.board(t), f.board(t)
	first := f.post(t, alice, b1.GetId(), "472번 버스",
		"472번 버스 배차 간격이 너무 깁니다. 아침 출근 시간에는 20분 넘게 기다려야 해요. 증차를 요청합니다.")
	age(t, f, first.GetId(), "25 days")

	reworded := f.post(t, alice, b2.GetId(), "버스 증차",
		"472번 버스 배차간격이 너무 길어요. 출근 시간에 20분 이상 기다립니다. 버스를 늘려 주세요.")
	fl := flagsOf(t, f, reworded.GetId())["near_duplicate"]
	require.NotNil(t, fl, "a rewording within the window is flagged")
	require.Equal(t, "A5.8", fl.GetSuggestedGround())
	require.Contains(t, fl.GetEvidence(), first.GetId())

	other := f.post(t, alice, b2.GetId(), "정류장", "버스 정류장에 온열 의자를 설치해 주세요. 겨울에 너무 춥습니다.")
	require.Nil(t, flagsOf(t, f, other.GetId())["near_duplicate"], "a different post on the same topic is not a repeat")

	age(t, f, first.GetId(), "10 days")
	age(t, f, reworded.GetId(), "40 days")
	again := f.post(t, alice, b1.GetId(), "472번 버스 배차",
		"아침 출근 시간에 472번 버스를 20분 넘게 기다려야 합니다. 배차 간격이 너무 깁니다. 증차 요청합니다.")
	require.Nil(t, flagsOf(t, f, again.GetId())["near_duplicate"], "texts older than the window are not compared")
}

// A5.8: texts written before the index existed (no buckets) are indexed
// when the service starts, so a rewording of one is still caught.
func TestTextsBeforeIndexAreIndexedAtStartA5_8(t *testing.T) {
	t.Parallel()
	f := start(t)
	b := f.board(t)
	first := f.post(t, alice, b.GetId(), "가로등", "청계천 산책로 조명이 너무 어둡습니다. 밤에 산책하기 무서우니 가로등을 더 설치해 주세요.")
	_, err := f.env.Pool.Exec(t.Context(), `UPDATE items SET lsh_indexed = false; DELETE FROM item_buckets`)
	require.NoError(t, err)

	cfg := server.TestConfig()
	cfg.PrivacyAddr = "127.0.0.1:1"
	env := servicetest.Start(t, server.SpecWith(cfg), servicetest.WithDatabase(f.env),
		servicetest.WithNATS(f.env.NATS), servicetest.WithIssuer(f.env))
	require.Equal(t, 0, f.count(t, `SELECT count(*) FROM items WHERE NOT lsh_indexed`))

	again := fixture{env: env, api: boardv1.NewBoardServiceClient(env.Conn)}
	reworded := again.post(t, alice, b.GetId(), "가로등 설치", "밤에 산책하기 무서워요. 청계천 산책로가 너무 어두우니 가로등을 더 설치해 주세요.")
	fl := flagsOf(t, again, reworded.GetId())["near_duplicate"]
	require.NotNil(t, fl)
	require.Contains(t, fl.GetEvidence(), first.GetId())
}

// age moves an item's creation back, as if it had been written that long
// before (the repeat window is counted from created_at).
func age(t *testing.T, f fixture, id, by string) {
	t.Helper()
	_, err := f.env.Pool.Exec(t.Context(), `UPDATE items SET created_at = created_at - $2::interval WHERE id = $1`, id, by)
	require.NoError(t, err)
}
