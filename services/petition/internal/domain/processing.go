package domain

import (
	"fmt"
	"strings"
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/petition/internal/domain/clock"
)

func (c *Complaint) requireOpen(what string) error {
	if !c.Status.Open() {
		return errs.FailedPrecondition("COMPLAINT_NOT_OPEN", "action", what, "status", c.Status)
	}
	return nil
}

// Assign gives the complaint to a department and, optionally, a handler.
func (c *Complaint) Assign(actor, department, handler string, now time.Time) error {
	if err := c.requireOpen("assign"); err != nil {
		return err
	}
	from := c.Department
	c.Department, c.Handler, c.Status = department, handler, StatusAssigned
	c.record(step{"assigned", department},
		HistoryEntry{Action: "assigned", Actor: actor, FromDepartment: from, ToDepartment: department, Detail: handler, At: now})
	return nil
}

// Transfer moves the complaint to another department of the city, or out
// of the city to the competent agency (법 제16조). The period keeps running
// inside the city; a transfer out ends the city's handling.
func (c *Complaint) Transfer(actor, toDepartment, agency, reason string, now time.Time) error {
	if err := c.requireOpen("transfer"); err != nil {
		return err
	}
	from := c.Department
	if agency != "" {
		c.Status, c.OutsideAgency, c.Handler = StatusTransferredOut, agency, ""
		c.record(step{"transferred", "agency:" + agency},
			HistoryEntry{Action: "transferred_out", Actor: actor, FromDepartment: from, Detail: agency + ": " + reason, At: now})
		return nil
	}
	if toDepartment == from {
		return errs.Invalid("to_department_code", "ALREADY_WITH_DEPARTMENT")
	}
	c.Department, c.Handler, c.Status = toDepartment, "", StatusAssigned
	c.record(step{"transferred", "department:" + toDepartment},
		HistoryEntry{Action: "transferred", Actor: actor, FromDepartment: from, ToDepartment: toDepartment, Detail: reason, At: now})
	return nil
}

// MaxExtensions is how many times a period may be extended: once on the
// office's own decision and, when the extended period will not do either,
// once more with the complainant's consent (민원 처리에 관한 법률 시행령
// 제21조①: "한 차례만 연장 … 민원인의 동의를 받아 … 한 차례만 다시 연장"),
// each by at most the original period.
const MaxExtensions = 2

// ExtensionConsent is the complainant's answer to a further extension.
type ExtensionConsent string

const (
	// ConsentNotGiven: the complainant has not answered (or not been asked).
	ConsentNotGiven ExtensionConsent = ""
	ConsentGranted  ExtensionConsent = "granted"
	ConsentRefused  ExtensionConsent = "refused"
)

// DecideExtensionConsent records the complainant's consent to, or refusal
// of, the one further extension the Decree allows. It is theirs alone to
// give, after the first extension and before the second, and they may
// change their mind until the office uses it.
func (c *Complaint) DecideExtensionConsent(granted bool, now time.Time) error {
	if err := c.requireOpen("consent"); err != nil {
		return err
	}
	if len(c.Extensions) != 1 {
		return errs.FailedPrecondition("EXTENSION_CONSENT_NOT_OPEN", "extensions", len(c.Extensions))
	}
	c.ExtensionConsent, c.ExtensionConsentAt = ConsentRefused, now
	if granted {
		c.ExtensionConsent = ConsentGranted
	}
	c.record(step{"extension_consent", string(c.ExtensionConsent)},
		HistoryEntry{Action: "extension_consent_" + string(c.ExtensionConsent), Actor: c.CitizenSubject, At: now})
	return nil
}

// Extend extends the processing period (민원 처리에 관한 법률 시행령 제21조):
// within the current period, by at most the original period, once on the
// office's own decision and once more only with the consent the
// complainant gave (DecideExtensionConsent); never a third time.
func (c *Complaint) Extend(actor string, p clock.Period, reason string, now time.Time, cal *clock.Calendar) error {
	if err := c.requireOpen("extend"); err != nil {
		return err
	}
	typ, _ := TypeByCode(c.Type)
	if p.WorkingHours() > typ.Period.WorkingHours() {
		return errs.Invalid("period", "EXTENSION_TOO_LONG", "period", typ.Period.String())
	}
	if !now.Before(c.Due.At) {
		return errs.FailedPrecondition("PERIOD_ENDED", "at", c.Due.At.In(clock.Seoul).Format(time.RFC3339))
	}
	number := len(c.Extensions) + 1
	if number > MaxExtensions {
		return errs.FailedPrecondition("EXTENSION_LIMIT", "max", MaxExtensions)
	}
	consent := number > 1
	if consent && c.ExtensionConsent != ConsentGranted {
		return errs.FailedPrecondition("EXTENSION_NEEDS_CONSENT", "consent", string(c.ExtensionConsent))
	}
	due, err := ComputeDue(c.Due.At, p, cal)
	if err != nil {
		return err
	}
	c.Extensions = append(c.Extensions, Extension{Number: number, Reason: reason, PreviousDueAt: c.Due.At,
		NewDue: due, ComplainantConsent: consent, ExtendedBy: actor, ExtendedAt: now})
	c.Due, c.DueSoonAnnouncedAt = due, time.Time{}
	c.record(step{"extended", fmt.Sprintf("extension %d by %s", number, p)},
		HistoryEntry{Action: "extended", Actor: actor, Detail: reason, At: now})
	c.noteProvisional(actor, now)
	return nil
}

// AnswerDraft is an answer before validation.
type AnswerDraft struct {
	Body           string
	Refusal        bool
	RefusalReasons string
	Remedies       string
}

// Check validates an answer: a refusal states its reasons and the remedies
// (법 제27조).
func (a AnswerDraft) Check() error {
	var v errs.Violations
	checkText(&v, "body", a.Body, 1, 20000)
	if a.Refusal {
		checkText(&v, "refusal_reasons", a.RefusalReasons, 1, 5000)
		checkText(&v, "remedies", a.Remedies, 1, 5000)
	}
	return v.Err()
}

// Answer answers the complaint.
func (c *Complaint) Answer(actor string, a AnswerDraft, now time.Time) error {
	if err := c.requireOpen("answer"); err != nil {
		return err
	}
	c.Answers = append(c.Answers, Answer{Number: len(c.Answers) + 1, Body: strings.TrimSpace(a.Body),
		Refusal: a.Refusal, RefusalReasons: a.RefusalReasons, Remedies: a.Remedies,
		Department: c.Department, AnsweredBy: actor, AnsweredAt: now})
	if c.FirstAnsweredAt.IsZero() {
		c.FirstAnsweredAt = now
	}
	c.AnsweredLate = c.AnsweredLate || now.After(c.Due.At)
	c.Status = StatusAnswered
	detail := "answered"
	if a.Refusal {
		detail = "refused"
	}
	c.record(step{"answered", detail}, HistoryEntry{Action: "answered", Actor: actor, Detail: detail, At: now})
	return nil
}

// Rate records the complainant's satisfaction with the answer.
func (c *Complaint) Rate(satisfaction int, comment string, now time.Time) error {
	if c.Status != StatusAnswered {
		return errs.FailedPrecondition("RATE_ANSWERED_ONLY")
	}
	c.Satisfaction, c.SatisfactionComment = satisfaction, strings.TrimSpace(comment)
	c.History = append(c.History, HistoryEntry{Action: "rated", Actor: c.CitizenSubject, Detail: fmt.Sprint(satisfaction), At: now})
	c.UpdatedAt = now
	return nil
}

// Reopen asks for an additional answer: the complaint runs again for its
// type's period from now, with the same department.
func (c *Complaint) Reopen(reason string, now time.Time, cal *clock.Calendar) error {
	if c.Status != StatusAnswered {
		return errs.FailedPrecondition("ADDITIONAL_AFTER_ANSWER")
	}
	typ, _ := TypeByCode(c.Type)
	due, err := ComputeDue(now, typ.Period, cal)
	if err != nil {
		return err
	}
	// Back with the department that answered; a complaint the Mayor's office
	// answered without assigning it waits for dispatch again.
	status := StatusAssigned
	if c.Department == "" {
		status = StatusReceived
	}
	c.Due, c.Status, c.ReopenCount = due, status, c.ReopenCount+1
	c.DueSoonAnnouncedAt, c.OverdueAnnouncedAt = time.Time{}, time.Time{}
	c.record(step{"reopened", "additional answer requested"},
		HistoryEntry{Action: "additional_answer_requested", Actor: c.CitizenSubject, Detail: reason, At: now})
	c.noteProvisional(c.CitizenSubject, now)
	return nil
}

// CloseRepeated closes a complaint that repeats, without new reasons, the
// same complainant's earlier complaints after they were answered twice
// (법 제23조: three or more times, closable after two answers).
func (c *Complaint) CloseRepeated(actor, note string, earlier []*Complaint, now time.Time) error {
	if err := c.requireOpen("close"); err != nil {
		return err
	}
	answers := 0
	for _, e := range earlier {
		if e.ID == c.ID || e.CitizenSubject != c.CitizenSubject {
			return errs.Invalid("earlier_complaint_ids", "SAME_COMPLAINANT_ONLY")
		}
		answers += len(e.Answers)
	}
	if len(earlier) < 2 || answers < 2 {
		return errs.FailedPrecondition("REPEATED_CLOSE_NOT_MET", "complaints", len(earlier), "answers", answers)
	}
	c.Status, c.ClosureNote = StatusClosedRepeated, note
	c.record(step{"closed", "repeated"},
		HistoryEntry{Action: "closed_repeated", Actor: actor, Detail: note, At: now})
	return nil
}

// InterimAfter is when an open complaint is owed a notice of its progress
// and expected completion without being asked: 30 days after receipt
// (민원 처리에 관한 법률 시행령, 처리진행상황 등의 통지).
const InterimAfter = 30 * 24 * time.Hour

// interimDetail marks the 30-day notice in the history and the event.
const interimDetail = "30 days since receipt"

// NoteProgress records a progress notice the complainant asked for; it
// reports whether one was recorded (only an open complaint has progress).
func (c *Complaint) NoteProgress(actor string, now time.Time) bool {
	if !c.Status.Open() {
		return false
	}
	c.ProgressNoticedAt = now
	c.record(step{"progress", "requested"}, HistoryEntry{Action: "progress_notice", Actor: actor, Detail: "requested", At: now})
	return true
}

// InterimNoticeDue reports whether the 30-day notice is owed at now. The
// law asks for it both on request and 30 days after receipt, and lets
// neither replace the other, so an earlier requested notice does not
// suppress it.
func (c *Complaint) InterimNoticeDue(now time.Time) bool {
	return c.Status.Open() && c.InterimNoticedAt.IsZero() && !c.ReceivedAt.After(now.Add(-InterimAfter))
}

// NoteInterim records the 30-day notice, once.
func (c *Complaint) NoteInterim(now time.Time) {
	if !c.InterimNoticeDue(now) {
		return
	}
	c.ProgressNoticedAt, c.InterimNoticedAt = now, now
	c.record(step{"progress", interimDetail},
		HistoryEntry{Action: "progress_notice", Actor: "system", Detail: interimDetail, At: now})
}

// Announce records that the current due date was announced as due soon or
// overdue.
func (c *Complaint) Announce(overdue bool, now time.Time) {
	kind := "due_soon"
	if overdue {
		kind, c.OverdueAnnouncedAt = "overdue", now
	} else {
		c.DueSoonAnnouncedAt = now
	}
	c.record(step{kind, c.Department}, HistoryEntry{Action: kind, Actor: "system", Detail: c.Due.At.Format(time.RFC3339), At: now})
}

// RecomputeDue computes a provisional due date again with cal, a newer
// table, from when the current period started. The history keeps both the
// provisional date and the new one (A6.2). A date still past the new table
// stays provisional.
func (c *Complaint) RecomputeDue(cal *clock.Calendar, now time.Time) error {
	if !c.Status.Open() || !c.Due.Provisional || c.Due.HolidayVersion >= cal.Version {
		return nil
	}
	old := c.Due
	due, err := ComputeDue(old.From, old.Period, cal)
	if err != nil {
		return err
	}
	c.Due = due
	if due.At.After(now) {
		c.DueSoonAnnouncedAt, c.OverdueAnnouncedAt = time.Time{}, time.Time{}
	}
	detail := fmt.Sprintf("%s (provisional, holiday table %d) → %s (%s, holiday table %d)",
		old.At.In(clock.Seoul).Format(time.RFC3339), old.HolidayVersion,
		due.At.In(clock.Seoul).Format(time.RFC3339), provisionalWord(due.Provisional), due.HolidayVersion)
	c.record(step{"due_recomputed", detail},
		HistoryEntry{Action: "due_recomputed", Actor: "system", Detail: detail, At: now})
	return nil
}

func provisionalWord(p bool) string {
	if p {
		return "still provisional"
	}
	return "final"
}

// noteProvisional adds a history line when the due date just computed runs
// past the holiday table, so the complaint's history shows the provisional
// date next to the final one that replaces it.
func (c *Complaint) noteProvisional(actor string, now time.Time) {
	if !c.Due.Provisional {
		return
	}
	c.History = append(c.History, HistoryEntry{Action: "due_provisional", Actor: actor,
		Detail: fmt.Sprintf("%s (past holiday table %d: weekends alone counted)",
			c.Due.At.In(clock.Seoul).Format(time.RFC3339), c.Due.HolidayVersion), At: now})
}
