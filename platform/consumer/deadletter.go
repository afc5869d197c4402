package consumer

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/messaging"
	"github.com/seoul-gov/homepage/platform/metrics"
	"github.com/seoul-gov/homepage/platform/pg"
)

// Headers a dead letter carries besides the original event's own.
const (
	HeaderEventID         = "Seoul-Event-Id"
	HeaderOriginalSubject = "Seoul-Original-Subject"
	HeaderConsumer        = "Seoul-Consumer"
	HeaderError           = "Seoul-Error"
	HeaderFailures        = "Seoul-Failures"
	HeaderDeadLettered    = "Seoul-Dead-Lettered-At"
)

// Transient reports whether err is infrastructure trouble that says nothing
// about the event: a dependency unavailable (database, another service,
// NATS), a timeout, a lost concurrent update, or a quota. Such an event is
// retried for as long as the trouble lasts and never dead-lettered.
func Transient(err error) bool {
	switch errs.KindOf(err) {
	case errs.KindUnavailable, errs.KindDeadlineExceeded, errs.KindConflict, errs.KindResourceExhausted:
		return true
	}
	if pg.Unavailable(err) || errors.Is(err, context.DeadlineExceeded) || transientNATS(err) {
		return true
	}
	var st interface{ GRPCStatus() *status.Status }
	if errors.As(err, &st) {
		switch st.GRPCStatus().Code() {
		case codes.Unavailable, codes.DeadlineExceeded, codes.Aborted, codes.ResourceExhausted:
			return true
		}
	}
	return false
}

func transientNATS(err error) bool {
	for _, e := range []error{nats.ErrTimeout, nats.ErrNoResponders, nats.ErrConnectionClosed,
		nats.ErrDisconnected, nats.ErrConnectionReconnecting, jetstream.ErrNoStreamResponse, jetstream.ErrJetStreamNotEnabled} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// deadLetter copies the event to the service's dead-letter subject with
// its error and terminates it. It reports false when the copy failed; the
// event is then redelivered and dead-lettered on a later attempt.
func (r *Runner) deadLetter(ctx context.Context, msg jetstream.Msg, ev Event, cause error, failures int) bool {
	dl := nats.NewMsg(messaging.DeadLetterSubject(r.cfg.Service, r.cfg.Name))
	dl.Data = msg.Data()
	for k, v := range msg.Headers() {
		dl.Header[k] = v
	}
	dl.Header.Set(HeaderEventID, ev.ID)
	dl.Header.Set(HeaderOriginalSubject, ev.Subject)
	dl.Header.Set(HeaderConsumer, r.cfg.Name)
	dl.Header.Set(HeaderError, headerSafe(cause.Error()))
	dl.Header.Set(HeaderFailures, strconv.Itoa(failures))
	dl.Header.Set(HeaderDeadLettered, time.Now().UTC().Format(time.RFC3339Nano))
	if _, err := r.js.PublishMsg(ctx, dl, jetstream.WithMsgID("dlq-"+r.cfg.Name+"-"+ev.ID)); err != nil {
		r.log.Error("dead-lettering failed, will retry", "event_id", ev.ID, "err", err)
		_ = msg.NakWithDelay(5 * time.Second)
		return false
	}
	metrics.EventsConsumed.WithLabelValues(r.cfg.Name, "dead_letter").Inc()
	r.log.Error("event dead-lettered", "event_id", ev.ID, "subject", ev.Subject, "failures", failures, "err", cause)
	_ = msg.Term()
	return true
}

// headerSafe keeps an error message on one line (a NATS header cannot hold
// a line break) and bounded.
func headerSafe(s string) string {
	s = strings.NewReplacer("\r", " ", "\n", " ").Replace(s)
	if len(s) > 2000 {
		s = s[:2000] + "…"
	}
	return s
}

// Replay applies a dead-lettered event through this consumer's handler
// again, with the same inbox guard as a delivery: it reports false, with
// no effect, when the event was applied before. The caller removes the
// dead letter once Replay returned without error.
func (r *Runner) Replay(ctx context.Context, ev Event) (applied bool, err error) {
	return r.apply(ctx, ev)
}
