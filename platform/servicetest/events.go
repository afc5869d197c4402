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
// Publishing the same id twice models a relay re-publishing after a crash.
func PublishEvent(t testing.TB, js jetstream.JetStream, service, subject, id string, msg proto.Message) {
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
	if _, err := js.PublishMsg(ctx, m, jetstream.WithMsgID(id)); err != nil {
		t.Fatal(err)
	}
}

// Eventually polls cond every 20ms until it holds or 30s pass.
func Eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}
