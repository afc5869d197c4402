// Package deadletter serves seoul.ops.v1.DeadLetterService for one service:
// ops list, inspect and replay the events its consumers dead-lettered
// (poison only; outages are retried, see package consumer). The platform
// registers it on every service's gRPC server and feeds it the service's
// consumers (Deps.Consume), so no service writes any of this itself.
//
// A replay runs the event through the consumer's own handler and inbox
// guard, so it applies at most once however often it is repeated, and the
// dead letter is removed once the event is applied (or found applied).
// Admins only; every call is logged at info with the caller's subject.
package deadletter

import (
	"context"
	"log/slog"
	"sync"

	"github.com/nats-io/nats.go/jetstream"

	opsv1 "github.com/seoul-gov/homepage/gen/seoul/ops/v1"
	"github.com/seoul-gov/homepage/platform/consumer"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/pagetoken"
)

// Server implements opsv1.DeadLetterServiceServer for one service.
type Server struct {
	opsv1.UnimplementedDeadLetterServiceServer
	service string
	js      jetstream.JetStream
	log     *slog.Logger

	mu        sync.RWMutex
	consumers map[string]*consumer.Runner
}

// New returns the server of service's dead letters.
func New(service string, js jetstream.JetStream, log *slog.Logger) *Server {
	return &Server{service: service, js: js, log: log, consumers: map[string]*consumer.Runner{}}
}

// Add makes r's dead letters replayable.
func (s *Server) Add(r *consumer.Runner) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.consumers[r.Name()] = r
}

// Page sizes of ListDeadLetters; ReplayDeadLetters handles up to
// maxReplay per call (call again for more).
const (
	defaultPage = 50
	maxPage     = 200
	maxReplay   = 1000
)

// ListDeadLetters lists dead letters, oldest first.
func (s *Server) ListDeadLetters(ctx context.Context, req *opsv1.ListDeadLettersRequest) (*opsv1.ListDeadLettersResponse, error) {
	if err := s.authorize(ctx, req.GetService()); err != nil {
		return nil, err
	}
	size, err := pagetoken.Size(int(req.GetPageSize()), defaultPage, maxPage)
	if err != nil {
		return nil, err
	}
	var pos position
	given, err := pagetoken.Decode(req.GetPageToken(), &pos)
	if err != nil || (given && (pos.Next == 0 || pos.Consumer != req.GetConsumer())) {
		return nil, pagetoken.Invalid() // not ours, or another consumer's list
	}
	letters, next, err := s.list(ctx, req.GetConsumer(), max(pos.Next, 1), size)
	if err != nil {
		return nil, err
	}
	s.log.InfoContext(ctx, "dead letters listed", "consumer", req.GetConsumer(), "count", len(letters))
	resp := &opsv1.ListDeadLettersResponse{DeadLetters: letters}
	if next > 0 {
		resp.NextPageToken = pagetoken.Encode(position{Next: next, Consumer: req.GetConsumer()})
	}
	return resp, nil
}

// position is the keyset of ListDeadLetters: the next stream sequence.
type position struct {
	Next     uint64 `json:"n"`
	Consumer string `json:"c,omitempty"`
}

// GetDeadLetter returns one dead letter with its payload as JSON.
func (s *Server) GetDeadLetter(ctx context.Context, req *opsv1.GetDeadLetterRequest) (*opsv1.GetDeadLetterResponse, error) {
	if err := s.authorize(ctx, req.GetService()); err != nil {
		return nil, err
	}
	m, err := s.get(ctx, req.GetSequence())
	if err != nil {
		return nil, err
	}
	dl := toProto(m, true)
	s.log.InfoContext(ctx, "dead letter inspected", "sequence", dl.GetSequence(), "consumer", dl.GetConsumer(),
		"event_id", dl.GetEventId(), "event_subject", dl.GetSubject())
	return &opsv1.GetDeadLetterResponse{DeadLetter: dl}, nil
}

// ReplayDeadLetter applies one dead letter again and removes it.
func (s *Server) ReplayDeadLetter(ctx context.Context, req *opsv1.ReplayDeadLetterRequest) (*opsv1.ReplayDeadLetterResponse, error) {
	if err := s.authorize(ctx, req.GetService()); err != nil {
		return nil, err
	}
	m, err := s.get(ctx, req.GetSequence())
	if err != nil {
		return nil, err
	}
	applied, err := s.replay(ctx, m)
	if err != nil {
		return nil, err
	}
	return &opsv1.ReplayDeadLetterResponse{Applied: applied, DeadLetter: toProto(m, false)}, nil
}

// ReplayDeadLetters replays every dead letter (of one consumer), oldest
// first. A dead letter whose handler fails again is reported and kept; an
// outage stops the run with Unavailable (calling again is safe).
func (s *Server) ReplayDeadLetters(ctx context.Context, req *opsv1.ReplayDeadLettersRequest) (*opsv1.ReplayDeadLettersResponse, error) {
	if err := s.authorize(ctx, req.GetService()); err != nil {
		return nil, err
	}
	msgs, err := s.all(ctx, req.GetConsumer(), maxReplay)
	if err != nil {
		return nil, err
	}
	resp := &opsv1.ReplayDeadLettersResponse{}
	for _, m := range msgs {
		r := &opsv1.ReplayDeadLettersResponse_Replayed{Sequence: m.Sequence,
			Consumer: m.Header.Get(consumer.HeaderConsumer), EventId: eventID(m)}
		applied, err := s.replay(ctx, m)
		switch {
		case errs.Is(err, errs.KindUnavailable):
			return nil, err
		case err != nil:
			r.Error = err.Error()
			resp.FailedCount++
		case applied:
			r.Applied = true
			resp.AppliedCount++
		default:
			resp.AlreadyAppliedCount++
		}
		resp.Results = append(resp.Results, r)
	}
	return resp, nil
}

// authorize admits admins asking about this service.
func (s *Server) authorize(ctx context.Context, service string) error {
	if _, err := identity.RequireAny(ctx, identity.RoleAdmin); err != nil {
		return err
	}
	if service != "" && service != s.service {
		return errs.NotFound("DEAD_LETTERS_OF_ANOTHER_SERVICE", "service", s.service, "asked", service)
	}
	return nil
}
