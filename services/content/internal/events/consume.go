package events

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/nats-io/nats.go/jetstream"
	"google.golang.org/protobuf/types/known/timestamppb"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/platform/consumer"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/content/internal/app"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// complaintPrefix starts the subjects of the petition service's complaint
// events; the step is the rest.
const complaintPrefix = "seoul.petition.complaint."

// complaintSteps are the steps the department evaluation counts (not
// triage, reminders or progress notices).
var complaintSteps = []string{"received", "assigned", "transferred", "extended", "answered", "reopened", "closed"}

// AppOver returns the use cases over a database: a consumer passes its
// inbox transaction (pg.Joined), so a fact is kept in the transaction that
// records its event as consumed, exactly once.
type AppOver func(db pg.DB) *app.App

// Consumers returns, by name, the durable runners that feed the department
// evaluation's read model (A4.3): complaint steps from stream PETITION,
// removals and their reversals on appeal from stream BOARD.
func Consumers(over AppOver, js jetstream.JetStream, pool *pgxpool.Pool, log *slog.Logger) map[string]*consumer.Runner {
	subjects := make([]string, len(complaintSteps))
	for i, step := range complaintSteps {
		subjects[i] = complaintPrefix + step
	}
	cfg := func(name, stream string, subjects ...string) consumer.Config {
		return consumer.Config{Service: "content", Name: name, Stream: stream, Subjects: subjects}
	}
	return map[string]*consumer.Runner{
		"evaluation-complaints": consumer.Typed(cfg("evaluation-complaints", "PETITION", subjects...), js, pool, log,
			func(ctx context.Context, tx pgx.Tx, m *petitionv1.ComplaintEvent) error {
				return over(pg.Joined(tx)).RecordComplaintFact(ctx, complaintFact(ctx, m))
			}),
		"evaluation-removals": consumer.Typed(cfg("evaluation-removals", "BOARD", "seoul.board.post.removed"), js, pool, log,
			func(ctx context.Context, tx pgx.Tx, m *boardv1.PostRemoved) error {
				return over(pg.Joined(tx)).RecordModerationFact(ctx, removal(ctx, m))
			}),
		"evaluation-reversals": consumer.Typed(cfg("evaluation-reversals", "BOARD", "seoul.board.post.restored"), js, pool, log,
			func(ctx context.Context, tx pgx.Tx, m *boardv1.PostRestored) error {
				return over(pg.Joined(tx)).RecordModerationFact(ctx, reversal(ctx, m))
			}),
	}
}

// complaintFact reads a complaint event. A transfer to an outside agency
// (detail "agency:…") ends the city's handling, unlike one between the
// city's departments.
func complaintFact(ctx context.Context, m *petitionv1.ComplaintEvent) domain.ComplaintFact {
	ev, _ := consumer.EventFrom(ctx)
	step := domain.ComplaintStep(strings.TrimPrefix(ev.Subject, complaintPrefix))
	if step == domain.ComplaintTransferred && strings.HasPrefix(m.GetDetail(), "agency:") {
		step = domain.ComplaintTransferredOut
	}
	return domain.ComplaintFact{EventID: ev.ID, ComplaintID: m.GetComplaintId(), Step: step,
		DepartmentCode: m.GetDepartmentCode(), DueAt: timeOf(m.GetDueTime()), OccurredAt: timeOf(m.GetOccurTime())}
}

func removal(ctx context.Context, m *boardv1.PostRemoved) domain.ModerationFact {
	ev, _ := consumer.EventFrom(ctx)
	return domain.ModerationFact{EventID: ev.ID, DecisionID: m.GetDecisionId(), Step: domain.ModerationRemoved,
		DepartmentCode: m.GetDepartmentCode(), OccurredAt: timeOf(m.GetOccurTime())}
}

func reversal(ctx context.Context, m *boardv1.PostRestored) domain.ModerationFact {
	ev, _ := consumer.EventFrom(ctx)
	return domain.ModerationFact{EventID: ev.ID, DecisionID: m.GetOverturnedDecisionId(),
		Step: domain.ModerationOverturned, OccurredAt: timeOf(m.GetOccurTime())}
}

// timeOf reads an optional timestamp (zero when unset).
func timeOf(t *timestamppb.Timestamp) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.AsTime()
}
