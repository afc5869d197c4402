package session

import (
	"crypto/subtle"
	"net/http"
)

// Manager ties sessions to the visitor's cookie.
type Manager struct {
	store  *Store
	secure bool
	name   string
}

// NewManager uses store; secure sets the cookie's Secure flag (and the
// __Host- prefix, which pins it to this host and path /), off only for
// plain-http localhost.
func NewManager(store *Store, secure bool) *Manager {
	name := "seoul_session"
	if secure {
		name = "__Host-seoul_session"
	}
	return &Manager{store: store, secure: secure, name: name}
}

// Store is the manager's store.
func (m *Manager) Store() *Store { return m.store }

// Load returns the visitor's live session, if any.
func (m *Manager) Load(r *http.Request) (Session, bool) {
	c, err := r.Cookie(m.name)
	if err != nil || c.Value == "" {
		return Session{}, false
	}
	return m.store.Get(c.Value)
}

// Ensure returns the visitor's session, starting an anonymous one (and
// setting its cookie) when there is none, so a form can carry a CSRF
// token before anyone signs in.
func (m *Manager) Ensure(w http.ResponseWriter, r *http.Request) Session {
	if s, ok := m.Load(r); ok {
		return s
	}
	s := m.store.New()
	m.setCookie(w, s.ID)
	return s
}

// Save stores changes to the session.
func (m *Manager) Save(s Session) { m.store.Save(s) }

// Rotate gives the session a new id and CSRF token and sets the cookie.
func (m *Manager) Rotate(w http.ResponseWriter, s Session) Session {
	s = m.store.Rotate(s)
	m.setCookie(w, s.ID)
	return s
}

// Destroy ends the visitor's session and clears the cookie.
func (m *Manager) Destroy(w http.ResponseWriter, s Session) {
	m.store.Delete(s.ID)
	http.SetCookie(w, &http.Cookie{Name: m.name, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: m.secure, SameSite: http.SameSiteLaxMode})
}

// ValidCSRF tells whether the form's token is the session's.
func ValidCSRF(s Session, token string) bool {
	return s.CSRF != "" && subtle.ConstantTimeCompare([]byte(s.CSRF), []byte(token)) == 1
}

// setCookie sets a session cookie (no Max-Age: it ends with the browser,
// and the server expires the session anyway).
func (m *Manager) setCookie(w http.ResponseWriter, id string) {
	http.SetCookie(w, &http.Cookie{Name: m.name, Value: id, Path: "/", HttpOnly: true,
		Secure: m.secure, SameSite: http.SameSiteLaxMode})
}
