package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
	"github.com/seoul-gov/homepage/services/petition/internal/domain/clock"
)

const complaintColumns = `id::text, receipt_number, origin, coalesce(opinion_id::text, ''), citizen_subject,
	coalesce(request_id, ''), complaint_type, title, body, publish_consent, lat, long, address,
	name_token, name_masked, phone_token, phone_masked, email_token, email_masked,
	status, department_code, handler_subject, outside_agency, received_at, period, due_at, warn_at,
	holiday_version, first_answered_at, answered_late, satisfaction, satisfaction_comment, closure_note,
	progress_noticed_at, reopen_count, due_soon_announced_at, overdue_announced_at, updated_at,
	personal_data_kinds, originals, revision, interim_noticed_at, due_provisional, due_from,
	extension_consent, extension_consent_at`

// complaintRow holds the nullable columns while scanning.
type complaintRow struct {
	period                                    string
	firstAnswered, progress, dueSoon, overdue *time.Time
	interim, dueFrom, consentAt               *time.Time
	originals                                 []byte
}

func scanComplaint(row pgx.Row) (*domain.Complaint, error) {
	var c domain.Complaint
	var r complaintRow
	m, l := &c.Contact, &c.Location
	err := row.Scan(&c.ID, &c.ReceiptNumber, &c.Origin, &c.OpinionID, &c.CitizenSubject,
		&c.RequestID, &c.Type, &c.Title, &c.Body, &c.PublishConsent, &l.Lat, &l.Long, &l.Address,
		&m.NameToken, &m.Name, &m.PhoneToken, &m.Phone, &m.EmailToken, &m.Email,
		&c.Status, &c.Department, &c.Handler, &c.OutsideAgency, &c.ReceivedAt, &r.period, &c.Due.At, &c.Due.WarnAt,
		&c.Due.HolidayVersion, &r.firstAnswered, &c.AnsweredLate, &c.Satisfaction, &c.SatisfactionComment, &c.ClosureNote,
		&r.progress, &c.ReopenCount, &r.dueSoon, &r.overdue, &c.UpdatedAt,
		&c.PersonalData.Kinds, &r.originals, &c.Revision, &r.interim, &c.Due.Provisional, &r.dueFrom,
		&c.ExtensionConsent, &r.consentAt)
	if err == pgx.ErrNoRows {
		return nil, errs.NotFound("NOT_FOUND")
	}
	if err != nil {
		return nil, err
	}
	if c.Due.Period, err = clock.ParsePeriod(r.period); err != nil {
		return nil, err
	}
	if c.PersonalData.Originals, err = originalsOf(r.originals); err != nil {
		return nil, err
	}
	c.FirstAnsweredAt, c.ProgressNoticedAt = timeOf(r.firstAnswered), timeOf(r.progress)
	c.DueSoonAnnouncedAt, c.OverdueAnnouncedAt = timeOf(r.dueSoon), timeOf(r.overdue)
	c.InterimNoticedAt, c.Due.From, c.ExtensionConsentAt = timeOf(r.interim), timeOf(r.dueFrom), timeOf(r.consentAt)
	return &c, nil
}

// nextReceipt numbers complaints per year of receipt (Seoul time):
// SMG-2026-000001. The counter row lock serialises numbering per year.
func nextReceipt(ctx context.Context, tx pgx.Tx, received time.Time) (string, error) {
	year := received.In(clock.Seoul).Year()
	var n int
	err := tx.QueryRow(ctx, `INSERT INTO receipt_counters (year, last) VALUES ($1, 1)
		ON CONFLICT (year) DO UPDATE SET last = receipt_counters.last + 1 RETURNING last`, year).Scan(&n)
	return fmt.Sprintf("SMG-%d-%06d", year, n), err
}

// insertComplaint numbers and stores a new complaint with its children
// and events.
func (s *Store) insertComplaint(ctx context.Context, tx pgx.Tx, c *domain.Complaint) error {
	var err error
	if c.ReceiptNumber, err = nextReceipt(ctx, tx, c.ReceivedAt); err != nil {
		return err
	}
	originals, err := originalsJSON(c.PersonalData.Originals)
	if err != nil {
		return err
	}
	m, l := c.Contact, c.Location
	_, err = tx.Exec(ctx, `INSERT INTO complaints (id, receipt_number, origin, opinion_id, citizen_subject, request_id,
		complaint_type, title, body, publish_consent, lat, long, address, name_token, name_masked, phone_token,
		phone_masked, email_token, email_masked, status, received_at, period, due_at, warn_at, holiday_version, updated_at,
		department_code, handler_subject, personal_data_kinds, originals, due_provisional, due_from)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
		$23, $24, $25, $26, $27, $28, $29, $30, $31, $32)`,
		c.ID, c.ReceiptNumber, c.Origin, nullText(c.OpinionID), c.CitizenSubject, nullText(c.RequestID),
		c.Type, c.Title, c.Body, c.PublishConsent, l.Lat, l.Long, l.Address, m.NameToken, m.Name, m.PhoneToken,
		m.Phone, m.EmailToken, m.Email, c.Status, c.ReceivedAt, c.Due.Period.String(), c.Due.At, c.Due.WarnAt,
		c.Due.HolidayVersion, c.UpdatedAt, c.Department, c.Handler, nonNil(c.PersonalData.Kinds), originals,
		c.Due.Provisional, nullTime(c.Due.From))
	if err != nil {
		return err
	}
	return s.saveChanges(ctx, tx, c, counts{})
}

// updateComplaint writes the mutable columns and the next revision.
func updateComplaint(ctx context.Context, tx pgx.Tx, c *domain.Complaint) error {
	return tx.QueryRow(ctx, `UPDATE complaints SET status = $2, department_code = $3, handler_subject = $4,
		outside_agency = $5, period = $6, due_at = $7, warn_at = $8, holiday_version = $9, first_answered_at = $10,
		answered_late = $11, satisfaction = $12, satisfaction_comment = $13, closure_note = $14,
		progress_noticed_at = $15, reopen_count = $16, due_soon_announced_at = $17, overdue_announced_at = $18,
		updated_at = $19, interim_noticed_at = $20, due_provisional = $21, due_from = $22,
		extension_consent = $23, extension_consent_at = $24, revision = revision + 1
		WHERE id = $1 RETURNING revision`,
		c.ID, c.Status, c.Department, c.Handler, c.OutsideAgency, c.Due.Period.String(), c.Due.At, c.Due.WarnAt,
		c.Due.HolidayVersion, nullTime(c.FirstAnsweredAt), c.AnsweredLate, c.Satisfaction, c.SatisfactionComment,
		c.ClosureNote, nullTime(c.ProgressNoticedAt), c.ReopenCount, nullTime(c.DueSoonAnnouncedAt),
		nullTime(c.OverdueAnnouncedAt), c.UpdatedAt, nullTime(c.InterimNoticedAt), c.Due.Provisional,
		nullTime(c.Due.From), c.ExtensionConsent, nullTime(c.ExtensionConsentAt)).Scan(&c.Revision)
}

// counts are how many children a complaint had when loaded; later ones
// are new and get inserted.
type counts struct{ extensions, answers, history int }

func countsOf(c *domain.Complaint) counts {
	return counts{len(c.Extensions), len(c.Answers), len(c.History)}
}

// saveChanges inserts the children added since before and the events.
func (s *Store) saveChanges(ctx context.Context, tx pgx.Tx, c *domain.Complaint, before counts) error {
	b := &pgx.Batch{}
	for _, e := range c.Extensions[before.extensions:] {
		b.Queue(`INSERT INTO complaint_extensions (complaint_id, number, reason, period, previous_due_at, new_due_at,
			holiday_version, complainant_consent, extended_by, extended_at, provisional)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
			c.ID, e.Number, e.Reason, e.NewDue.Period.String(), e.PreviousDueAt, e.NewDue.At, e.NewDue.HolidayVersion,
			e.ComplainantConsent, e.ExtendedBy, e.ExtendedAt, e.NewDue.Provisional)
	}
	for _, a := range c.Answers[before.answers:] {
		b.Queue(`INSERT INTO complaint_answers (complaint_id, number, body, refusal, refusal_reasons, remedies,
			department_code, answered_by, answered_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			c.ID, a.Number, a.Body, a.Refusal, a.RefusalReasons, a.Remedies, a.Department, a.AnsweredBy, a.AnsweredAt)
	}
	for _, h := range c.History[before.history:] {
		b.Queue(`INSERT INTO complaint_history (complaint_id, action, actor_subject, from_department, to_department,
			detail, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, c.ID, h.Action, h.Actor, h.FromDepartment, h.ToDepartment, h.Detail, h.At)
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return err
	}
	return s.events.Write(ctx, tx, c.Events()...)
}
