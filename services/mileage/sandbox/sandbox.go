// Package sandbox is a partner server for redemptions (transit top-up,
// library gift certificates, other public services) that behaves like the
// real partners' API, for tests and `make run`. It keeps state in memory:
// confirm and cancel are idempotent per redemption id, and a cancelled
// redemption can no longer be confirmed.
//
// Test cards: an account ending in 0000 is declined; one ending in 9999
// makes confirm hang until the caller gives up (a partner timeout).
package sandbox

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Request is the body of a confirm or cancel call.
type Request struct {
	Channel string `json:"channel"`
	ItemID  string `json:"item_id"`
	Points  int64  `json:"points"`
	Account string `json:"account"`
}

// Result is the partner's answer.
type Result struct {
	Status    string `json:"status"` // confirmed, declined, cancelled
	Reference string `json:"reference,omitempty"`
	Reason    string `json:"reason,omitempty"`
}

// Sandbox is the in-memory partner.
type Sandbox struct {
	mu          sync.Mutex
	state       map[string]Result
	cancels     map[string]int
	cancelDelay time.Duration
	hangFor     time.Duration
}

// New returns an empty sandbox partner.
func New() *Sandbox {
	return &Sandbox{state: map[string]Result{}, cancels: map[string]int{}, hangFor: 30 * time.Second}
}

// SlowCancels makes every cancel take d before it answers, as a slow
// partner would (tests use it to overlap replicas settling one hold).
func (s *Sandbox) SlowCancels(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cancelDelay = d
}

// Cancels counts the cancel calls the partner received for a redemption.
func (s *Sandbox) Cancels(id string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cancels[id]
}

// NewHandler returns the sandbox partner's HTTP handler.
func NewHandler() http.Handler { return New() }

// Delivered counts the redemptions the partner confirmed (delivered).
func (s *Sandbox) Delivered() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.state {
		if r.Status == "confirmed" {
			n++
		}
	}
	return n
}

// ServeHTTP routes POST /v1/redemptions/{id}/confirm and .../cancel.
func (s *Sandbox) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/healthz" {
		w.WriteHeader(http.StatusOK)
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/v1/redemptions/")
	id, verb, _ := strings.Cut(rest, "/")
	if !ok || id == "" || r.Method != http.MethodPost {
		http.NotFound(w, r)
		return
	}
	var req Request
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16)).Decode(&req); err != nil {
		http.Error(w, "bad request body", http.StatusBadRequest)
		return
	}
	switch verb {
	case "confirm":
		s.confirm(w, r, id, req)
	case "cancel":
		reply(w, s.cancel(r, id))
	default:
		http.NotFound(w, r)
	}
}

// Status is what the partner recorded for a redemption: "confirmed",
// "declined" or "cancelled", or "" when it recorded nothing (a confirm it
// never answered leaves no record).
func (s *Sandbox) Status(id string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state[id].Status
}

func (s *Sandbox) confirm(w http.ResponseWriter, r *http.Request, id string, req Request) {
	// A redemption already settled (confirmed, declined or cancelled) is
	// answered with its outcome, whatever the account: a cancelled one is
	// never delivered late.
	s.mu.Lock()
	prev, ok := s.state[id]
	s.mu.Unlock()
	if ok {
		reply(w, prev)
		return
	}
	if strings.HasSuffix(req.Account, "9999") {
		select { // a partner that never answers in time
		case <-r.Context().Done():
		case <-time.After(s.hangFor):
		}
		http.Error(w, "timeout", http.StatusGatewayTimeout)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if prev, ok := s.state[id]; ok {
		reply(w, prev)
		return
	}
	res := Result{Status: "confirmed", Reference: req.Channel + "-" + id[:min(8, len(id))]}
	if strings.HasSuffix(req.Account, "0000") {
		res = Result{Status: "declined", Reason: "account not accepted by the partner"}
	}
	s.state[id] = res
	reply(w, res)
}

func (s *Sandbox) cancel(r *http.Request, id string) Result {
	s.mu.Lock()
	s.cancels[id]++
	delay := s.cancelDelay
	s.mu.Unlock()
	if delay > 0 {
		select {
		case <-r.Context().Done():
		case <-time.After(delay):
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if prev, ok := s.state[id]; ok && prev.Status == "confirmed" {
		return prev
	}
	res := Result{Status: "cancelled", Reason: "cancelled by the mileage service"}
	s.state[id] = res
	return res
}

func reply(w http.ResponseWriter, res Result) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(res)
}
