package contractors_test

import (
	"context"
	"log/slog"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/contractors"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/testinfra"
)

func TestMain(m *testing.M) { os.Exit(testinfra.Main(m)) }

var contractor = identity.Claims{Subject: "contractor-1", Roles: []identity.Role{identity.RoleContractor}}

// watch starts a watcher for service on js and stops it when the test ends.
func watch(t *testing.T, js jetstream.JetStream, service string, now clock.Clock) *contractors.Watcher {
	t.Helper()
	w := contractors.NewWatcher(js, service, now, slog.New(slog.DiscardHandler))
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { _ = w.Run(ctx) })
	t.Cleanup(func() { cancel(); wg.Wait() })
	return w
}

// admitted stands for no error in eventually.
const admitted errs.Kind = -1

// eventually waits until the contractor's admission in the service fails
// with kind (or succeeds, for admitted), and returns the claims.
func eventually(t *testing.T, w *contractors.Watcher, calling string, kind errs.Kind) identity.Claims {
	t.Helper()
	var got identity.Claims
	require.Eventually(t, func() bool {
		c, err := w.Admit(contractor, calling)
		got = c
		if kind == admitted {
			return err == nil
		}
		return err != nil && errs.Is(err, kind)
	}, 20*time.Second, 20*time.Millisecond, "admission never became %v", kind)
	return got
}

func grant(id, service string, role identity.Role, from, until time.Time) contractors.Grant {
	g := contractors.Grant{ID: id, Subject: contractor.Subject, Company: "Hanul Systems", Service: service, Role: role,
		ValidFrom: from, ValidUntil: until}
	if role == identity.RoleOfficial {
		g.Department = "D100"
	} else {
		g.Board = "0190a0b1-0000-7000-8000-000000000001"
	}
	return g
}

// A3.2: a contractor acts only as their live grant for this service says:
// the granted role and department, nowhere else, not before the grant
// starts nor once it ends or is revoked — and a late copy of the grant
// does not bring a revoked grant back.
func TestA3_2_ContractorActsOnlyUnderLiveGrant(t *testing.T) {
	t.Parallel()
	_, js := testinfra.JetStream(t, testinfra.FreshNATS(t))
	ctx := context.Background()
	kv, err := contractors.EnsureBucket(ctx, js, 1)
	require.NoError(t, err)
	start := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	now := clock.NewFake(start.Add(-time.Hour))
	w := watch(t, js, "content", now.Now)

	eventually(t, w, "", errs.KindPermissionDenied) // read, and nothing granted
	g := grant("g-1", "content", identity.RoleOfficial, start, start.Add(30*24*time.Hour))
	require.NoError(t, contractors.Project(ctx, kv, g))
	now.Set(start)
	got := eventually(t, w, "", admitted)
	require.Equal(t, []identity.Role{identity.RoleOfficial}, got.Roles)
	require.Equal(t, "D100", got.Department)
	require.Equal(t, contractor.Subject, got.Subject)
	require.Equal(t, g.ID, got.Contractor)
	now.Set(start.Add(-time.Second))
	_, err = w.Admit(contractor, "")
	require.True(t, errs.Is(err, errs.KindPermissionDenied), "not yet in force: %v", err)
	now.Set(start)

	_, err = w.Admit(contractor, "board")
	require.True(t, errs.Is(err, errs.KindPermissionDenied), "content's grant is worth nothing in board: %v", err)
	_, err = w.Admit(identity.Claims{Subject: "contractor-2", Roles: contractor.Roles}, "")
	require.True(t, errs.Is(err, errs.KindPermissionDenied), "another contractor: %v", err)

	now.Set(g.ValidUntil)
	_, err = w.Admit(contractor, "")
	require.True(t, errs.Is(err, errs.KindPermissionDenied), "expired at valid_until: %v", err)
	now.Set(start.Add(time.Hour))
	g.Revoked = true
	require.NoError(t, contractors.Project(ctx, kv, g))
	eventually(t, w, "", errs.KindPermissionDenied)
	g.Revoked = false
	require.NoError(t, contractors.Project(ctx, kv, g), "a redelivered grant event")
	e, err := kv.Get(ctx, g.ID)
	require.NoError(t, err)
	require.Contains(t, string(e.Value()), `"revoked":true`)
}

// A3.2: a contractor moderator's grants of two boards add up; a second
// official grant in the same service is refused rather than guessed.
func TestA3_2_ModeratorGrantsAddUpOfficialsDoNot(t *testing.T) {
	t.Parallel()
	now := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	until := now.Add(time.Hour)
	b1 := grant("g-1", "board", identity.RoleModerator, now, until)
	b2 := grant("g-2", "board", identity.RoleModerator, now, until)
	b2.Board = "0190a0b1-0000-7000-8000-000000000002"
	got, err := contractors.Effective(contractor, []contractors.Grant{b2, b1}, "board", now)
	require.NoError(t, err)
	require.Equal(t, []identity.Role{identity.RoleModerator}, got.Roles)
	require.Equal(t, []string{b1.Board, b2.Board}, got.Boards)
	require.Empty(t, got.Department)

	o1 := grant("g-3", "content", identity.RoleOfficial, now, until)
	o2 := o1
	o2.ID, o2.Department = "g-4", "D200"
	_, err = contractors.Effective(contractor, []contractors.Grant{o1, o2}, "content", now)
	require.True(t, errs.Is(err, errs.KindPermissionDenied), "%v", err)
}

// A3.2: while NATS is down the copy may miss a revocation, so contractors
// are refused (Unavailable), never admitted; once NATS is back and the
// bucket is read again, the grant holds again.
func TestA3_2_ContractorsRefusedWhileGrantsUnreadable(t *testing.T) {
	t.Parallel()
	n := testinfra.FreshNATS(t)
	_, js := testinfra.JetStream(t, n)
	ctx := context.Background()
	kv, err := contractors.EnsureBucket(ctx, js, 1)
	require.NoError(t, err)
	now := time.Now()
	require.NoError(t, contractors.Project(ctx, kv, grant("g-1", "content", identity.RoleOfficial, now.Add(-time.Hour), now.Add(time.Hour))))
	w := watch(t, js, "content", nil)
	eventually(t, w, "", admitted)

	n.Kill()
	eventually(t, w, "", errs.KindUnavailable)
	require.NoError(t, n.Start())
	got := eventually(t, w, "", admitted)
	require.Equal(t, "D100", got.Department)
}
