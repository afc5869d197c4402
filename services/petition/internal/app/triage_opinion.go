package app

import (
	"context"
	"time"

	"github.com/seoul-gov/homepage/platform/etag"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
	"github.com/seoul-gov/homepage/services/petition/internal/domain/clock"
)

// Triage is the Mayor's office's decision on an opinion.
type Triage struct {
	OpinionID string
	// Etag, when set, must be the opinion's current etag.
	Etag       string
	Complaint  bool // needs an answer: becomes a civil complaint
	Type       string
	Department string
	Note       string
}

func (t Triage) check(decided bool) error {
	var v errs.Violations
	v.Check(checkID("opinion_id", t.OpinionID) != nil, "opinion_id", "NOT_UUID")
	v.Check(!decided, "decision", "NOT_ONE_OF", "allowed", "TRIAGE_DECISION_ACKNOWLEDGE, TRIAGE_DECISION_COMPLAINT")
	if _, ok := domain.TypeByCode(t.Type); t.Complaint && !ok {
		v.Add("complaint_type", "NOT_ONE_OF", "allowed", domain.TypeCodes())
	}
	checkDepartment(&v, "department_code", t.Department, false)
	domain.CheckText(&v, "note", t.Note, 0, 2000)
	return v.Err()
}

// decide applies the triage to o and returns the complaint it creates, if
// any. A complaint made from an opinion takes the opinion's id, so the
// originals vaulted for the opinion (bound to that id) are the complaint's
// case too.
func (t Triage) decide(o *domain.Opinion, by string, now time.Time, cal *clock.Calendar) (*domain.Complaint, error) {
	if !t.Complaint {
		return nil, o.Acknowledge(by, t.Note, now)
	}
	if err := o.CheckConvertible(); err != nil {
		return nil, err
	}
	typ, _ := domain.TypeByCode(t.Type)
	draft := domain.ComplaintDraft{Type: typ.Code, Title: o.Title, Body: o.Body, PublishConsent: o.PublishConsent}
	cp, err := domain.NewComplaint(o.ID, domain.OriginOpinion, o.CitizenSubject, typ, draft, o.Contact, o.SubmittedAt, cal)
	if err != nil {
		return nil, err
	}
	cp.PersonalData = o.PersonalData
	cp.FromOpinion(by, o.ID, now)
	if err := o.Convert(by, t.Note, cp.ID, now); err != nil {
		return nil, err
	}
	if t.Department != "" {
		_ = cp.Assign(by, t.Department, "", now)
	}
	return cp, nil
}

// TriageOpinion acknowledges an opinion or turns it into a civil complaint
// received when the opinion was (A6.2): the statutory clock started at
// receipt, not at triage. With validateOnly nothing is stored or
// published: the Mayor's office sees the opinion (and complaint) as the
// decision would leave them, its public preview included.
func (s *App) TriageOpinion(ctx context.Context, t Triage, decided, validateOnly bool) (*domain.Opinion, *domain.Complaint, error) {
	if err := t.check(decided); err != nil {
		return nil, nil, err
	}
	c, err := identity.RequireAny(ctx, identity.RoleOfficial, identity.RoleAdmin, identity.RoleService)
	if err != nil {
		return nil, nil, err
	}
	if !s.isMayorOffice(c) {
		return nil, nil, errs.PermissionDenied("MAYORS_OFFICE_TRIAGES")
	}
	cal, err := s.store.CurrentCalendar(ctx)
	if err != nil {
		return nil, nil, err
	}
	t.Note = mask(t.Note)
	now := s.now()
	if validateOnly {
		o, err := s.store.GetOpinion(ctx, t.OpinionID)
		if err != nil {
			return nil, nil, err
		}
		if err := etag.Check(t.Etag, etag.Of(o.Revision)); err != nil {
			return nil, nil, err
		}
		cp, err := t.decide(o, actor(c), now, cal)
		return o, cp, err
	}
	return s.store.TriageOpinion(ctx, t.OpinionID, func(o *domain.Opinion) (*domain.Complaint, error) {
		if err := etag.Check(t.Etag, etag.Of(o.Revision)); err != nil {
			return nil, err
		}
		return t.decide(o, actor(c), now, cal)
	})
}
