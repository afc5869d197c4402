package deadletter

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/known/timestamppb"

	opsv1 "github.com/seoul-gov/homepage/gen/seoul/ops/v1"
	"github.com/seoul-gov/homepage/platform/consumer"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/messaging"
)

// stream is the service's dead-letter stream.
func (s *Server) stream(ctx context.Context) (jetstream.Stream, error) {
	st, err := s.js.Stream(ctx, messaging.StreamName(s.service)+"_DLQ")
	if err != nil {
		return nil, natsUnavailable(err)
	}
	return st, nil
}

// list returns up to size dead letters from sequence from on, and the
// sequence to continue at (0: there are no more).
func (s *Server) list(ctx context.Context, consumerName string, from uint64, size int) ([]*opsv1.DeadLetter, uint64, error) {
	msgs, err := s.scan(ctx, consumerName, from, size+1)
	if err != nil {
		return nil, 0, err
	}
	var next uint64
	if len(msgs) > size {
		next, msgs = msgs[size].Sequence, msgs[:size]
	}
	out := make([]*opsv1.DeadLetter, len(msgs))
	for i, m := range msgs {
		out[i] = toProto(m, false)
	}
	return out, next, nil
}

// all returns up to limit dead letters (of one consumer), oldest first.
func (s *Server) all(ctx context.Context, consumerName string, limit int) ([]*jetstream.RawStreamMsg, error) {
	return s.scan(ctx, consumerName, 1, limit)
}

// scan reads up to n messages from sequence from on, skipping those of
// other consumers (and gaps left by replays) on the server's side.
func (s *Server) scan(ctx context.Context, consumerName string, from uint64, n int) ([]*jetstream.RawStreamMsg, error) {
	st, err := s.stream(ctx)
	if err != nil {
		return nil, err
	}
	subject := messaging.DeadLetterSubject(s.service, ">")
	if consumerName != "" {
		subject = messaging.DeadLetterSubject(s.service, consumerName)
	}
	var out []*jetstream.RawStreamMsg
	for seq := from; len(out) < n; {
		m, err := st.GetMsg(ctx, seq, jetstream.WithGetMsgSubject(subject))
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			break
		}
		if err != nil {
			return nil, natsUnavailable(err)
		}
		out = append(out, m)
		seq = m.Sequence + 1
	}
	return out, nil
}

// get reads the dead letter at sequence.
func (s *Server) get(ctx context.Context, sequence uint64) (*jetstream.RawStreamMsg, error) {
	if sequence == 0 {
		return nil, errs.Invalid("sequence", "REQUIRED")
	}
	st, err := s.stream(ctx)
	if err != nil {
		return nil, err
	}
	m, err := st.GetMsg(ctx, sequence)
	if errors.Is(err, jetstream.ErrMsgNotFound) {
		return nil, errs.NotFound("DEAD_LETTER_NOT_FOUND", "sequence", sequence, "service", s.service)
	}
	if err != nil {
		return nil, natsUnavailable(err)
	}
	return m, nil
}

// replay applies m through its consumer and removes it from the stream.
func (s *Server) replay(ctx context.Context, m *jetstream.RawStreamMsg) (bool, error) {
	name := m.Header.Get(consumer.HeaderConsumer)
	s.mu.RLock()
	r := s.consumers[name]
	s.mu.RUnlock()
	if r == nil {
		return false, errs.FailedPrecondition("CONSUMER_NOT_RUNNING", "consumer", name, "service", s.service)
	}
	ev := consumer.Event{ID: eventID(m), Subject: m.Header.Get(consumer.HeaderOriginalSubject),
		Type: m.Header.Get(messaging.HeaderEventType), Data: m.Data, Header: m.Header}
	applied, err := r.Replay(ctx, ev)
	if err != nil {
		s.log.WarnContext(ctx, "dead letter replay failed", "sequence", m.Sequence, "consumer", name,
			"event_id", ev.ID, "event_subject", ev.Subject, "err", err)
		if consumer.Transient(err) {
			return false, errs.Wrap(errs.KindUnavailable, err, "REPLAY_DEPENDENCY_UNAVAILABLE")
		}
		return false, errs.Wrap(errs.KindFailedPrecondition, err, "REPLAY_FAILED_AGAIN", "kind", errs.KindOf(err).String())
	}
	s.log.InfoContext(ctx, "dead letter replayed", "sequence", m.Sequence, "consumer", name,
		"event_id", ev.ID, "event_subject", ev.Subject, "applied", applied)
	st, err := s.stream(ctx)
	if err == nil {
		err = st.DeleteMsg(ctx, m.Sequence)
	}
	if err != nil && !errors.Is(err, jetstream.ErrMsgNotFound) {
		return applied, errs.Wrap(errs.KindUnavailable, err, "DEAD_LETTER_NOT_REMOVED")
	}
	return applied, nil
}

// eventID is the dead event's id; dead letters older than the header carry
// it only in their de-duplication id, dlq-<consumer>-<event id>.
func eventID(m *jetstream.RawStreamMsg) string {
	if id := m.Header.Get(consumer.HeaderEventID); id != "" {
		return id
	}
	prefix := "dlq-" + m.Header.Get(consumer.HeaderConsumer) + "-"
	return strings.TrimPrefix(m.Header.Get(jetstream.MsgIDHeader), prefix)
}

func toProto(m *jetstream.RawStreamMsg, withPayload bool) *opsv1.DeadLetter {
	h := m.Header
	failures, _ := strconv.Atoi(h.Get(consumer.HeaderFailures))
	dl := &opsv1.DeadLetter{Sequence: m.Sequence, Consumer: h.Get(consumer.HeaderConsumer), EventId: eventID(m),
		Subject: h.Get(consumer.HeaderOriginalSubject), EventType: h.Get(messaging.HeaderEventType),
		Error: h.Get(consumer.HeaderError), Failures: int32(failures), RequestId: h.Get(messaging.HeaderRequestID)}
	if t, err := time.Parse(time.RFC3339Nano, h.Get(consumer.HeaderDeadLettered)); err == nil {
		dl.DeadLetterTime = timestamppb.New(t)
	} else {
		dl.DeadLetterTime = timestamppb.New(m.Time)
	}
	if withPayload {
		dl.PayloadJson = payloadJSON(dl.GetEventType(), m.Data)
	}
	return dl
}

// payloadJSON renders the payload with the event type this binary knows
// (every service links the events it consumes); empty when it does not
// decode, which is itself a reason to be dead-lettered.
func payloadJSON(eventType string, data []byte) string {
	mt, err := protoregistry.GlobalTypes.FindMessageByName(protoreflect.FullName(eventType))
	if err != nil {
		return ""
	}
	msg := mt.New().Interface()
	if proto.Unmarshal(data, msg) != nil {
		return ""
	}
	b, err := protojson.MarshalOptions{UseProtoNames: true}.Marshal(msg)
	if err != nil {
		return ""
	}
	return string(b)
}

func natsUnavailable(err error) error {
	return errs.Wrap(errs.KindUnavailable, err, "DEAD_LETTER_STREAM_UNAVAILABLE")
}
