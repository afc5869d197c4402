// Package postgres is the mail service's storage: all SQL, private row
// types, SQLSTATE mapped to error kinds, and the outbox writes of the
// changes it stores.
package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"google.golang.org/protobuf/types/known/timestamppb"

	mailv1 "github.com/seoul-gov/homepage/gen/seoul/mail/v1"
	"github.com/seoul-gov/homepage/platform/messaging"
	"github.com/seoul-gov/homepage/platform/outbox"
	"github.com/seoul-gov/homepage/services/mail/internal/domain"
)

// Store is the mail service's database.
type Store struct{ pool *pgxpool.Pool }

// New returns the store over pool.
func New(pool *pgxpool.Pool) *Store { return &Store{pool: pool} }

// announceFailure publishes seoul.mail.delivery.failed for n in tx.
func announceFailure(ctx context.Context, tx pgx.Tx, n *domain.Notice) error {
	if !n.Failed {
		return nil
	}
	_, err := outbox.Add(ctx, tx, messaging.Subject("mail", "delivery", "failed"), &mailv1.DeliveryFailed{
		NoticeId: n.ID, Template: n.Template, SourceSubject: n.SourceSubject, SourceId: n.SourceID,
		RecipientSubject: n.RecipientSubject, Reason: n.Failure, OccurredAt: timestamppb.Now(),
	})
	return err
}

// announceAccount publishes the account's recorded changes in tx.
func announceAccount(ctx context.Context, tx pgx.Tx, a *domain.Account) error {
	for _, e := range a.Events() {
		_, err := outbox.Add(ctx, tx, messaging.Subject("mail", "account", e.Verb), &mailv1.AccountChanged{
			AccountId: a.ID, SubjectId: a.SubjectID, Kind: string(a.Kind), DepartmentCode: a.DepartmentCode,
			Clause: e.Clause, Decision: e.Decision, OccurredAt: timestamppb.New(e.At),
		})
		if err != nil {
			return err
		}
	}
	return nil
}
