package e2e

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/servicetest"
)

// complaintLine and redemptionLine are what the checks read back.
type complaintLine struct {
	ID      string `json:"id"`
	Receipt string `json:"receipt_number"`
}

type redemptionLine struct {
	ID     string `json:"redemption_id"`
	Status string `json:"status"`
	Points reqInt `json:"points"`
}

// verify checks, once no event is in flight any more, that every write
// answered 200 is there exactly once: each complaint with the receipt
// number it was given, and no receipt number given to two of them; each post on the
// board once, with exactly one award whose source is that post; each
// redemption once; balances that add up and agree with the lots; and
// nothing dead-lettered because of the outage.
func (b *burst) verify(t *testing.T) {
	t.Helper()
	waitQuiescent(t, b.s)
	posts := b.verifyPosts(t)
	b.verifyComplaints(t)
	for i := range b.citizens {
		b.verifyMileage(t, i, posts[i])
	}
	require.Equal(t, b.deadBefore, deadLetters(t, b.s, b.admin), "nothing dead-lettered for an outage")
}

func (b *burst) of(kind string) []ackedWrite {
	var out []ackedWrite
	for _, w := range b.acked {
		if w.kind == kind {
			out = append(out, w)
		}
	}
	return out
}

// readAs reads paths as c, repeating while the edge answers 503.
func readAs(t *testing.T, c *Client) func(string) *Response {
	return func(p string) *Response { return eventually200(t, func() *Response { return c.Do(t, "GET", p, nil) }) }
}

func (b *burst) verifyComplaints(t *testing.T) {
	t.Helper()
	byReceipt := map[string]string{}
	for _, w := range b.of("complaint") {
		other, seen := byReceipt[w.receipt]
		require.False(t, seen, "receipt number %s given to complaints %s and %s", w.receipt, other, w.id)
		byReceipt[w.receipt] = w.id
		c := b.citizens[w.citizen]
		var got complaintLine
		readAs(t, c)("/v1/complaints/"+w.id).JSON(t, &got)
		require.Equal(t, complaintLine{ID: w.id, Receipt: w.receipt}, got, "%s: kept with its receipt number", w.key)
		mine := allPages[complaintLine](t, readAs(t, c), "/v1/complaints?page_size=100", "complaints")
		require.Equal(t, []complaintLine{{ID: w.id, Receipt: w.receipt}}, mine, "%s: the acknowledged complaint, once", w.key)
	}
}

// verifyPosts returns each citizen's post id.
func (b *burst) verifyPosts(t *testing.T) map[int]string {
	t.Helper()
	type postLine struct {
		ID string `json:"id"`
	}
	onBoard := allPages[postLine](t, readAs(t, b.admin), "/v1/boards/"+b.boardID+"/posts?page_size=100", "posts")
	count := map[string]int{}
	for _, p := range onBoard {
		count[p.ID]++
	}
	posts := map[int]string{}
	for _, w := range b.of("post") {
		require.Equal(t, 1, count[w.id], "%s: the acknowledged post is on the board once", w.key)
		posts[w.citizen] = w.id
	}
	require.Len(t, onBoard, len(posts), "no post the citizens were not told about")
	return posts
}

// verifyMileage checks citizen i's statement, redemptions, balance and lots.
func (b *burst) verifyMileage(t *testing.T, i int, postID string) {
	t.Helper()
	c, who := b.citizens[i], b.subject(i)
	earned := earnedLines(mileageHistory(t, c), "post_created")
	require.Len(t, earned, 1, "%s: exactly one award for the post", who)
	require.Equal(t, "post_created "+postID, earned[0].Memo, "%s: the award's source is the acknowledged post", who)

	acct := settledAccount(t, c, who)
	redemptions := allPages[redemptionLine](t, readAs(t, c), "/v1/mileage/accounts/me/redemptions?page_size=100", "redemptions")
	require.Len(t, redemptions, 1, "%s: the acknowledged redemption, once", who)
	acked := b.of("redemption")
	for _, w := range acked {
		if w.citizen == i {
			require.Equal(t, w.id, redemptions[0].ID, who)
		}
	}
	want := int64(grantPoints + postPoints)
	if redemptions[0].Status == "confirmed" {
		want -= redeemPoints
	}
	require.EqualValues(t, want, acct.Balance, "%s: balance after grant, award and redemption (%s)", who, redemptions[0].Status)
	var lots int64
	for _, l := range acct.Lots {
		lots += int64(l.Remaining)
	}
	require.EqualValues(t, acct.Balance, lots, "%s: the balance is the sum of the lots' remainders", who)
}

type settled struct {
	Balance reqInt `json:"balance"`
	Held    reqInt `json:"held"`
	Lots    []struct {
		Remaining reqInt `json:"remaining"`
	} `json:"lots"`
}

// settledAccount reads c's account once no redemption is held any more (a
// hold cut off by a crash is settled by the mileage service's job once it
// times out: MILEAGE_HOLD_TIMEOUT, 15 s in these tests).
func settledAccount(t *testing.T, c *Client, who string) settled {
	t.Helper()
	var acct settled
	servicetest.EventuallyWithin(t, 2*time.Minute,
		servicetest.Detail(func() string { return fmt.Sprintf("%s: no points held (%d still held)", who, acct.Held) }),
		func() bool {
			acct = settled{}
			readAs(t, c)("/v1/mileage/accounts/me").JSON(t, &acct)
			return acct.Held == 0
		})
	return acct
}

// requireLogged waits until the suite's log has line (the launcher's
// supervisor writes there).
func requireLogged(t *testing.T, s *Suite, line string) {
	t.Helper()
	if _, err := os.Stat(s.LogPath); err != nil {
		t.Logf("the suite logs to stderr (SEOUL_E2E_LOG): not checking for %q", line)
		return
	}
	servicetest.EventuallyWithin(t, 60*time.Second, fmt.Sprintf("the suite's log to say %q", line),
		func() bool { return logHas(s, line) })
}
