// Package messaging connects to NATS JetStream and provisions the streams a
// service owns. Each service publishes only its own subjects,
// seoul.<service>.<entity>.<verb>, on a stream named after it.
package messaging

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/seoul-gov/homepage/platform/config"
)

// Header names carried by every domain event.
const (
	HeaderEventType = "Seoul-Event-Type"
	HeaderRequestID = "Seoul-Request-Id"
	HeaderOccurred  = "Seoul-Occurred-At"
)

// Connect dials NATS with unlimited reconnects so a NATS restart pauses the
// service instead of killing it.
func Connect(cfg config.NATS, name string, log *slog.Logger) (*nats.Conn, jetstream.JetStream, error) {
	nc, err := nats.Connect(cfg.URL,
		nats.Name(name),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(250*time.Millisecond),
		nats.RetryOnFailedConnect(true),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) { log.Warn("nats disconnected", "err", err) }),
		nats.ReconnectHandler(func(c *nats.Conn) { log.Info("nats reconnected", "url", c.ConnectedUrl()) }),
	)
	if err != nil {
		return nil, nil, fmt.Errorf("connect NATS %s: %w", cfg.URL, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, nil, err
	}
	return nc, js, nil
}

// Ready reports whether the connection is up (a readiness check).
func Ready(nc *nats.Conn) error {
	if nc.Status() != nats.CONNECTED {
		return fmt.Errorf("nats %s", strings.ToLower(nc.Status().String()))
	}
	return nil
}

// StreamName is the stream a service owns: "BOARD" for board.
func StreamName(service string) string { return strings.ToUpper(service) }

// Subject builds seoul.<service>.<entity>.<verb>.
func Subject(service, entity, verb string) string {
	return "seoul." + service + "." + entity + "." + verb
}

// EnsureStream creates or updates the stream a service owns. File storage,
// and a de-duplication window long enough to absorb relay restarts. Loss
// of an acknowledged event is prevented by the server's sync setting on a
// single node and by replicas in a cluster.
func EnsureStream(ctx context.Context, js jetstream.JetStream, service string, replicas int) (jetstream.Stream, error) {
	cfg := jetstream.StreamConfig{
		Name:       StreamName(service),
		Subjects:   []string{"seoul." + service + ".>"},
		Storage:    jetstream.FileStorage,
		Retention:  jetstream.LimitsPolicy,
		MaxAge:     30 * 24 * time.Hour,
		Duplicates: 10 * time.Minute,
		Replicas:   replicas,
	}
	return ensure(ctx, js, cfg)
}

// EnsureDeadLetterStream creates the stream holding poison messages of the
// consumers of service, subjects seoul.dlq.<service>.>.
func EnsureDeadLetterStream(ctx context.Context, js jetstream.JetStream, service string, replicas int) (jetstream.Stream, error) {
	cfg := jetstream.StreamConfig{
		Name:     StreamName(service) + "_DLQ",
		Subjects: []string{DeadLetterSubject(service, ">")},
		Storage:  jetstream.FileStorage,
		MaxAge:   90 * 24 * time.Hour,
		Replicas: replicas,
	}
	return ensure(ctx, js, cfg)
}

// DeadLetterSubject is where consumer of service parks poison messages.
func DeadLetterSubject(service, consumer string) string {
	return "seoul.dlq." + service + "." + consumer
}

func ensure(ctx context.Context, js jetstream.JetStream, cfg jetstream.StreamConfig) (jetstream.Stream, error) {
	s, err := js.CreateOrUpdateStream(ctx, cfg)
	if err != nil && errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
		return js.Stream(ctx, cfg.Name)
	}
	if err != nil {
		return nil, fmt.Errorf("stream %s: %w", cfg.Name, err)
	}
	return s, nil
}

// HeaderCarrier lets OpenTelemetry read and write trace context in NATS
// headers. NATS header keys are case-sensitive, unlike HTTP's, so the
// HTTP carrier would look for "Traceparent" where the relay wrote
// "traceparent".
type HeaderCarrier nats.Header

// Get implements propagation.TextMapCarrier.
func (c HeaderCarrier) Get(key string) string { return nats.Header(c).Get(key) }

// Set implements propagation.TextMapCarrier.
func (c HeaderCarrier) Set(key, value string) { nats.Header(c).Set(key, value) }

// Keys implements propagation.TextMapCarrier.
func (c HeaderCarrier) Keys() []string {
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	return keys
}
