package servicetest

import (
	"context"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"google.golang.org/protobuf/proto"

	"github.com/seoul-gov/homepage/platform/messaging"
)

// PublishEvent publishes msg on subject as the owning service's outbox
// relay would (stream provisioned, Nats-Msg-Id = id, event type header), so
// a consumer can be tested without starting the producing service.
// Publishing the same id again within the stream's de-duplication window is
// dropped by JetStream itself, so it never reaches the consumer: to test a
// consumer's own exactly-once guard, use PublishDuplicate.
func PublishEvent(t testing.TB, js jetstream.JetStream, service, subject, id string, msg proto.Message) {
	t.Helper()
	if ack := publish(t, js, service, subject, id, msg); ack.Duplicate {
		t.Fatalf("servicetest: event %s was already published; use PublishDuplicate to deliver it again", id)
	}
}

// PublishDuplicate delivers msg under an event id the stream has already
// seen, as a redelivery after a lost ack or a replay would: it narrows the
// stream's de-duplication window for the moment so JetStream keeps the copy,
// then restores it. The consumer, not the broker, must then apply it once.
func PublishDuplicate(t testing.TB, js jetstream.JetStream, service, subject, id string, msg proto.Message) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	st, err := js.Stream(ctx, messaging.StreamName(service))
	if err != nil {
		t.Fatal(err)
	}
	cfg := st.CachedInfo().Config
	window := cfg.Duplicates
	defer func() {
		cfg.Duplicates = window
		if _, err := js.UpdateStream(ctx, cfg); err != nil {
			t.Error(err)
		}
	}()
	// A duplicate is dropped without being stored, so retrying is safe. The
	// server purges old ids on a timer that a window change re-arms; it can
	// fire before the new window is in place, hence a fresh change per try.
	for try := range 20 {
		cfg.Duplicates = time.Duration(100+try) * time.Millisecond
		if _, err := js.UpdateStream(ctx, cfg); err != nil {
			t.Fatal(err)
		}
		time.Sleep(300 * time.Millisecond) // the earlier copy leaves the narrowed window
		if !publish(t, js, service, subject, id, msg).Duplicate {
			return
		}
	}
	t.Fatalf("servicetest: the stream kept dropping the copy of %s; the consumer would not see it", id)
}

func publish(t testing.TB, js jetstream.JetStream, service, subject, id string, msg proto.Message) *jetstream.PubAck {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := messaging.EnsureStream(ctx, js, service, 1); err != nil {
		t.Fatal(err)
	}
	data, err := proto.Marshal(msg)
	if err != nil {
		t.Fatal(err)
	}
	m := nats.NewMsg(subject)
	m.Data = data
	m.Header.Set(messaging.HeaderEventType, string(msg.ProtoReflect().Descriptor().FullName()))
	ack, err := js.PublishMsg(ctx, m, jetstream.WithMsgID(id))
	if err != nil {
		t.Fatal(err)
	}
	return ack
}

// Eventually polls cond until it holds or 30s pass (see EventuallyWithin).
func Eventually(t testing.TB, what any, cond func() bool) {
	t.Helper()
	EventuallyWithin(t, 30*time.Second, what, cond)
}

// EventuallyWithin polls cond until it holds or limit passes, first every
// 20ms, then less often up to every 250ms (a long wait, such as a service
// coming back, does not load the machine it waits for):
// the one way a test waits for something asynchronous (an event applied, a
// process back up), so no sleep decides a test. cond runs on the test's
// goroutine, so it may fail the test at once on an answer that can never
// turn good. what names what is awaited for the failure message: a string,
// or a Detail built only when the wait fails, to report the last state cond
// saw.
func EventuallyWithin(t testing.TB, limit time.Duration, what any, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for step := 20 * time.Millisecond; time.Now().Before(deadline); step = min(step*3/2, 250*time.Millisecond) {
		if cond() {
			return
		}
		time.Sleep(step)
	}
	t.Fatalf("timed out after %s waiting for %v", limit, what)
}

// Detail describes a wait when it fails (see EventuallyWithin), so the
// message can say what cond saw last: the last answer, the points still held.
type Detail func() string

func (d Detail) String() string { return d() }

// WaitEvent reads stream from its start until a message on subject decodes
// into M and satisfies match, and returns it; it fails the test after 30s.
func WaitEvent[M any, PM interface {
	*M
	proto.Message
}](t testing.TB, js jetstream.JetStream, stream, subject string, match func(PM) bool) PM {
	t.Helper()
	var found PM
	readStream(t, js, stream, subject, func(m PM) bool {
		if match(m) {
			found = m
			return true
		}
		return false
	})
	if found == nil {
		t.Fatalf("servicetest: no %s event on %s matched within 30s", subject, stream)
	}
	return found
}

// Events returns the first n messages on subject in stream, decoded, in
// stream order; it fails the test if fewer than n arrive within 30s.
func Events[M any, PM interface {
	*M
	proto.Message
}](t testing.TB, js jetstream.JetStream, stream, subject string, n int) []PM {
	t.Helper()
	var got []PM
	readStream(t, js, stream, subject, func(m PM) bool {
		got = append(got, m)
		return len(got) == n
	})
	if len(got) < n {
		t.Fatalf("servicetest: %d of %d %s events on %s within 30s", len(got), n, subject, stream)
	}
	return got
}

// readStream feeds every message on subject, decoded, to each until it
// returns true or 30s pass.
func readStream[M any, PM interface {
	*M
	proto.Message
}](t testing.TB, js jetstream.JetStream, stream, subject string, each func(PM) bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cons, err := js.OrderedConsumer(ctx, stream, jetstream.OrderedConsumerConfig{FilterSubjects: []string{subject}})
	if err != nil {
		t.Fatal(err)
	}
	for ctx.Err() == nil {
		msg, err := cons.Next(jetstream.FetchMaxWait(time.Second))
		if err != nil {
			continue // nothing yet
		}
		m := PM(new(M))
		if err := proto.Unmarshal(msg.Data(), m); err != nil {
			t.Fatalf("servicetest: %s event does not decode as %T: %v", subject, m, err)
		}
		if each(m) {
			return
		}
	}
}
