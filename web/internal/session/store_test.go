package session

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// clock is a settable time for the store.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func newTestStore(idle, max time.Duration, capacity int) (*Store, *clock) {
	c := &clock{t: time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)}
	s := NewStore(idle, max, capacity)
	s.now = c.now
	return s, c
}

func TestSessionsExpireWhenIdleAndAtTheirLimit(t *testing.T) {
	t.Parallel()
	s, c := newTestStore(30*time.Minute, 2*time.Hour, 10)
	sess := s.New()
	c.t = c.t.Add(29 * time.Minute)
	_, ok := s.Get(sess.ID)
	require.True(t, ok, "used within the idle timeout")
	c.t = c.t.Add(31 * time.Minute)
	_, ok = s.Get(sess.ID)
	require.False(t, ok, "idle for longer than the timeout")

	busy := s.New()
	for range 8 { // used every 20 minutes, never idle
		c.t = c.t.Add(20 * time.Minute)
		_, ok = s.Get(busy.ID)
	}
	require.False(t, ok, "a session in use still ends at its absolute limit")
}

func TestCapacityDropsTheLeastRecentlySeen(t *testing.T) {
	t.Parallel()
	s, c := newTestStore(time.Hour, time.Hour, 2)
	old := s.New()
	c.t = c.t.Add(time.Minute)
	kept := s.New()
	c.t = c.t.Add(time.Minute)
	_, _ = s.Get(old.ID) // old is now the more recently seen
	c.t = c.t.Add(time.Minute)
	s.New()
	require.Equal(t, 2, s.Len())
	_, ok := s.Get(kept.ID)
	require.False(t, ok, "the least recently seen session made room")
	_, ok = s.Get(old.ID)
	require.True(t, ok)
}

func TestRotateGivesANewIDAndCSRFToken(t *testing.T) {
	t.Parallel()
	s, _ := newTestStore(time.Hour, time.Hour, 10)
	before := s.New()
	before.User = &User{Subject: "citizen-1"}
	after := s.Rotate(before)
	require.NotEqual(t, before.ID, after.ID)
	require.NotEqual(t, before.CSRF, after.CSRF)
	_, ok := s.Get(before.ID)
	require.False(t, ok, "the old id no longer opens the session")
	got, ok := s.Get(after.ID)
	require.True(t, ok)
	require.Equal(t, "citizen-1", got.User.Subject)
	require.True(t, ValidCSRF(got, after.CSRF))
	require.False(t, ValidCSRF(got, before.CSRF))
	require.False(t, ValidCSRF(Session{}, ""), "no token never matches")
}

func TestCookieFlags(t *testing.T) {
	t.Parallel()
	for _, secure := range []bool{true, false} {
		m := NewManager(NewStore(time.Hour, time.Hour, 10), secure)
		w := httptest.NewRecorder()
		m.Ensure(w, httptest.NewRequest(http.MethodGet, "/", nil))
		c := w.Result().Cookies()[0]
		require.True(t, c.HttpOnly)
		require.Equal(t, http.SameSiteLaxMode, c.SameSite)
		require.Equal(t, secure, c.Secure)
		require.Equal(t, secure, c.Name == "__Host-seoul_session", "the __Host- prefix needs Secure")
		require.Equal(t, "/", c.Path)
	}
}
