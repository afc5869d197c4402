// Package session keeps the web front's sessions: a random id in a cookie
// (HttpOnly, SameSite=Lax, Secure except on plain-http localhost) and the
// session itself in this process's memory, expiring after a period of
// inactivity and at an absolute limit. Each session carries the token
// that forms must echo (CSRF) and, once the visitor signs in, their
// bearer token for the edge.
//
// The store is in memory, so one replica cannot see another's sessions:
// production runs the web front with sticky sessions (session affinity on
// the cookie) or replaces Store with a shared one behind the same methods.
package session

import (
	"crypto/rand"
	"encoding/base64"
	"sync"
	"time"
)

// User is the signed-in visitor as the identity token describes them.
// Roles only shape the menus; every service enforces its own rules.
type User struct {
	Subject          string
	Roles            []string
	Department       string
	RealNameVerified bool
}

// Has tells whether the user holds one of roles.
func (u *User) Has(roles ...string) bool {
	if u == nil {
		return false
	}
	for _, have := range u.Roles {
		for _, want := range roles {
			if have == want {
				return true
			}
		}
	}
	return false
}

// Token is the bearer token for the edge and how to renew it.
type Token struct {
	Access  string
	Refresh string
	Expiry  time.Time
}

// Pending is a sign-in under way with the identity provider.
type Pending struct {
	State    string
	Nonce    string
	Verifier string
	// Next is the page to return to afterwards (a local path).
	Next    string
	Expires time.Time
}

// Session is one visitor's state.
type Session struct {
	ID      string
	CSRF    string
	User    *User
	Token   Token
	Pending *Pending
	// Flash is a one-time message shown on the next page.
	Flash   string
	created time.Time
	seen    time.Time
}

// Store holds sessions in memory.
type Store struct {
	mu   sync.Mutex
	m    map[string]*Session
	idle time.Duration
	max  time.Duration
	cap  int
	now  func() time.Time
}

// NewStore keeps sessions for idle without a request, at most max in all,
// and at most capacity sessions at once (the least recently seen goes).
func NewStore(idle, max time.Duration, capacity int) *Store {
	return &Store{m: map[string]*Session{}, idle: idle, max: max, cap: capacity, now: time.Now}
}

// Get returns a copy of the live session id, touching it.
func (s *Store) Get(id string) (Session, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sess, ok := s.m[id]
	if !ok {
		return Session{}, false
	}
	now := s.now()
	if s.expired(sess, now) {
		delete(s.m, id)
		return Session{}, false
	}
	sess.seen = now
	return *sess, true
}

// New creates and stores an anonymous session.
func (s *Store) New() Session {
	now := s.now()
	sess := &Session{ID: random(), CSRF: random(), created: now, seen: now}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.makeRoom(now)
	s.m[sess.ID] = sess
	return *sess
}

// Save stores changes to a live session; a session that expired or was
// destroyed meanwhile stays gone.
func (s *Store) Save(sess Session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, ok := s.m[sess.ID]
	if !ok {
		return
	}
	sess.created, sess.seen = cur.created, cur.seen
	*cur = sess
}

// Rotate moves a session to a fresh id and CSRF token, as signing in and
// out must, so an id or token seen before cannot be used after.
func (s *Store) Rotate(sess Session) Session {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, sess.ID)
	sess.ID, sess.CSRF, sess.created, sess.seen = random(), random(), now, now
	s.makeRoom(now)
	cp := sess
	s.m[sess.ID] = &cp
	return sess
}

// Delete ends a session.
func (s *Store) Delete(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, id)
}

// Sweep drops expired sessions; the server runs it periodically.
func (s *Store) Sweep() {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	for id, sess := range s.m {
		if s.expired(sess, now) {
			delete(s.m, id)
		}
	}
}

// Len is the number of sessions held.
func (s *Store) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.m)
}

func (s *Store) expired(sess *Session, now time.Time) bool {
	return now.Sub(sess.seen) > s.idle || now.Sub(sess.created) > s.max
}

// makeRoom keeps the store within its capacity: expired sessions first,
// then the least recently seen. Called with mu held.
func (s *Store) makeRoom(now time.Time) {
	if len(s.m) < s.cap {
		return
	}
	var oldest *Session
	for id, sess := range s.m {
		if s.expired(sess, now) {
			delete(s.m, id)
		} else if oldest == nil || sess.seen.Before(oldest.seen) {
			oldest = sess
		}
	}
	if len(s.m) >= s.cap && oldest != nil {
		delete(s.m, oldest.ID)
	}
}

// random is 256 bits from the system's CSPRNG, URL-safe.
func random() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b)
}

// Random is a fresh unguessable value (OIDC state, nonce, PKCE verifier).
func Random() string { return random() }
