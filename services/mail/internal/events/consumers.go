// Package events holds the mail service's event contracts: the encoding of
// its own domain events for the outbox (encode.go), and the consumers of
// the events that owe notices to people, which turn each into notices in
// the transaction that records the event id (exactly once). The privacy
// service's erasures come through its client's ErasureConsumer (server.go).
package events

import (
	"context"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/nats-io/nats.go/jetstream"
	"google.golang.org/protobuf/types/known/timestamppb"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	mailv1 "github.com/seoul-gov/homepage/gen/seoul/mail/v1"
	mileagev1 "github.com/seoul-gov/homepage/gen/seoul/mileage/v1"
	"github.com/seoul-gov/homepage/platform/consumer"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/mail/internal/app"
)

// AppOver returns the use cases over a database: the consumers pass the
// inbox transaction (pg.Joined), so a notice commits with the event id.
type AppOver func(db pg.DB) *app.App

// Handlers turns events into notices.
type Handlers struct {
	app AppOver
}

// Consumers returns one durable runner per producing stream.
func Consumers(over AppOver, js jetstream.JetStream, pool *pgxpool.Pool, log *slog.Logger) map[string]*consumer.Runner {
	h := &Handlers{app: over}
	cfg := func(name, stream string, subjects ...string) consumer.Config {
		return consumer.Config{Service: "mail", Name: name, Stream: stream, Subjects: subjects}
	}
	return map[string]*consumer.Runner{
		"notices-petition": consumer.Typed(cfg("notices-petition", "PETITION", "seoul.petition.complaint.>"), js, pool, log, h.complaint),
		"notices-board":    consumer.Typed(cfg("notices-board", "BOARD", "seoul.board.post.removed"), js, pool, log, h.removed),
		"notices-restored": consumer.Typed(cfg("notices-restored", "BOARD", "seoul.board.post.restored"), js, pool, log, h.restored),
		"notices-content":  consumer.Typed(cfg("notices-content", "CONTENT", "seoul.content.item.stale"), js, pool, log, h.stale),
		"notices-mileage":  consumer.Typed(cfg("notices-mileage", "MILEAGE", "seoul.mileage.points.expiring"), js, pool, log, h.expiring),
		"notices-event":    consumer.Typed(cfg("notices-event", "EVENT", "seoul.event.prize.awarded"), js, pool, log, h.prize),
		"notices-mail":     consumer.Typed(cfg("notices-mail", "MAIL", "seoul.mail.account.suspended", "seoul.mail.account.appeal_decided"), js, pool, log, h.account),
	}
}

// source is the consumed event as the origin of notices, about the work
// of department (if any).
func source(ctx context.Context, sourceID, department string) app.Source {
	ev, _ := consumer.EventFrom(ctx)
	return app.Source{EventID: ev.ID, Subject: ev.Subject, SourceID: sourceID, Department: department}
}

func ts(t *timestamppb.Timestamp) string { return t.AsTime().UTC().Format(time.RFC3339) }

func required(ok bool, what string) error {
	if !ok {
		return errs.Invalid(what, "REQUIRED")
	}
	return nil
}

func (h *Handlers) stale(ctx context.Context, tx pgx.Tx, m *contentv1.ItemBecameStale) error {
	if err := required(m.GetItemId() != "" && m.GetDepartmentCode() != "", "item_id"); err != nil {
		return err
	}
	return h.app(pg.Joined(tx)).NotifyDepartment(ctx, source(ctx, m.GetItemId(), m.GetDepartmentCode()), "content_stale", m.GetDepartmentCode(),
		map[string]string{"item_id": m.GetItemId(), "review_due": ts(m.GetReviewTime())})
}

func (h *Handlers) expiring(ctx context.Context, tx pgx.Tx, m *mileagev1.PointsChanged) error {
	if err := required(m.GetSubjectId() != "", "subject_id"); err != nil {
		return err
	}
	return h.app(pg.Joined(tx)).NotifyCitizen(ctx, source(ctx, m.GetTransactionId(), ""), "points_expiring", m.GetSubjectId(),
		map[string]string{"points": formatInt(m.GetPoints()), "expires_at": ts(m.GetExpireTime())})
}

func (h *Handlers) prize(ctx context.Context, tx pgx.Tx, m *eventv1.PrizeAwarded) error {
	if err := required(m.GetSubjectId() != "" && m.GetEventId() != "", "subject_id"); err != nil {
		return err
	}
	return h.app(pg.Joined(tx)).NotifyCitizen(ctx, source(ctx, m.GetEventId(), ""), "prize_won", m.GetSubjectId(),
		map[string]string{"event_id": m.GetEventId(), "prize_kind": m.GetPrizeKind()})
}

func (h *Handlers) account(ctx context.Context, tx pgx.Tx, m *mailv1.AccountChanged) error {
	a := h.app(pg.Joined(tx))
	acc, err := a.AccountOf(ctx, m.GetAccountId())
	if errs.Is(err, errs.KindNotFound) {
		return errs.Invalid("account_id", "MAIL_ACCOUNT_NOT_FOUND")
	}
	if err != nil {
		return err
	}
	src := source(ctx, acc.ID, "")
	if src.Subject == "seoul.mail.account.suspended" {
		return a.NotifyCitizen(ctx, src, "account_suspended", acc.SubjectID,
			map[string]string{"address": acc.Address(), "clause": m.GetClause()})
	}
	decision := map[string]string{"reinstated": "이용 재개 (reinstated)", "upheld": "정지 유지 (upheld)"}[m.GetDecision()]
	return a.NotifyCitizen(ctx, src, "appeal_decided", acc.SubjectID,
		map[string]string{"address": acc.Address(), "decision": decision})
}
