package app

import (
	"context"
	"github.com/seoul-gov/homepage/platform/etag"
	"strings"
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
	"github.com/seoul-gov/homepage/services/petition/internal/domain/clock"
)

// SubmitOpinion sends an opinion to the Mayor's office (A6.1). Anyone may;
// a signed-in citizen's contact goes to the privacy service. Personal data
// in the title and body is masked; a signed-in sender's originals go to the
// privacy vault, bound to the opinion's id, which the complaint it may
// become keeps (A6.2); an anonymous sender's are not kept anywhere. A retry
// with the same request id returns the first opinion.
func (s *Service) SubmitOpinion(ctx context.Context, d domain.OpinionDraft) (*domain.Opinion, error) {
	c := identity.From(ctx)
	if err := d.Check(c.Anonymous()); err != nil {
		return nil, err
	}
	kinds, originals := screen(text{"title", &d.Title}, text{"body", &d.Body})
	if prior, err := s.priorOpinion(ctx, c, d); prior != nil || err != nil {
		return prior, err
	}
	o := &domain.Opinion{Revision: 1, ID: newID(), CitizenSubject: c.Subject, RequestID: d.RequestID,
		Title: strings.TrimSpace(d.Title), Body: strings.TrimSpace(d.Body), PublishConsent: d.PublishConsent,
		Status: domain.OpinionReceived, SubmittedAt: s.now(), PersonalData: domain.PersonalData{Kinds: kinds}}
	if !c.Anonymous() {
		var err error
		if o.PersonalData.Originals, err = s.vault(ctx, c.Subject, "opinion", o.ID, originals); err != nil {
			return nil, err
		}
	}
	if contact := d.Contact.Normalize(); !contact.Empty() {
		masked, err := s.storeContact(ctx, c.Subject, contact)
		if err != nil {
			return nil, err
		}
		o.Contact = masked
	}
	o.Receive()
	err := s.store.CreateOpinion(ctx, o)
	if errs.Is(err, errs.KindAlreadyExists) && d.RequestID != "" {
		return s.priorOpinion(ctx, c, d)
	}
	return o, err
}

func (s *Service) priorOpinion(ctx context.Context, c identity.Claims, d domain.OpinionDraft) (*domain.Opinion, error) {
	if d.RequestID == "" {
		return nil, nil
	}
	o, err := s.store.FindOpinionByRequest(ctx, c.Subject, d.RequestID)
	if errs.Is(err, errs.KindNotFound) {
		return nil, nil
	}
	if err != nil || !c.Anonymous() {
		return o, err
	}
	return anonymousRetry(o, d)
}

// anonymousRetry: all anonymous senders share one request-id namespace, so
// an earlier anonymous opinion is only returned for a retry of the same
// text (which tells the caller nothing new), stripped like a published
// one — never another sender's opinion.
func anonymousRetry(o *domain.Opinion, d domain.OpinionDraft) (*domain.Opinion, error) {
	if o.Title != strings.TrimSpace(d.Title) || o.Body != strings.TrimSpace(d.Body) || o.PublishConsent != d.PublishConsent {
		return nil, errs.AlreadyExists("REQUEST_ID_REUSED", "request_id", d.RequestID)
	}
	p := PublicOpinion(o)
	p.TriageNote = ""
	return p, nil
}

// GetOpinion returns an opinion to its author and the Mayor's office; a
// published one to everyone, without its contact.
func (s *Service) GetOpinion(ctx context.Context, id string) (*domain.Opinion, error) {
	if err := checkID("opinion_id", id); err != nil {
		return nil, err
	}
	o, err := s.store.GetOpinion(ctx, id)
	if err != nil {
		return nil, err
	}
	c := identity.From(ctx)
	switch {
	case s.isMayorOffice(c) || (!c.Anonymous() && c.Subject == o.CitizenSubject):
		return o, nil
	case o.Status == domain.OpinionAcknowledged && o.PublishConsent:
		return PublicOpinion(o), nil
	}
	return nil, errs.NotFound("OPINION_NOT_FOUND", "id", id)
}

// PublicOpinion is an opinion as the public sees it once published: its
// masked texts, nothing personal, no vault tokens. It is also the preview
// the Mayor's office and the author see before publication.
func PublicOpinion(o *domain.Opinion) *domain.Opinion {
	p := *o
	p.Contact, p.CitizenSubject, p.RequestID, p.TriagedBy = domain.MaskedContact{}, "", "", ""
	p.PersonalData = domain.PersonalData{}
	return &p
}

// ListOpinions lists published opinions, or the triage queue for the
// Mayor's office.
func (s *Service) ListOpinions(ctx context.Context, f OpinionFilter) ([]*domain.Opinion, string, error) {
	if f.PendingOnly && !s.isMayorOffice(identity.From(ctx)) {
		return nil, "", errs.PermissionDenied("MAYORS_OFFICE_TRIAGES")
	}
	f.PublishedOnly = !f.PendingOnly
	size, err := pagetoken.Size(f.PageSize, defaultPage, maxPage)
	if err != nil {
		return nil, "", err
	}
	f.PageSize = size
	list, next, err := s.store.ListOpinions(ctx, f)
	if err != nil || f.PendingOnly {
		return list, next, err
	}
	for i, o := range list {
		list[i] = PublicOpinion(o)
	}
	return list, next, nil
}

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
func (s *Service) TriageOpinion(ctx context.Context, t Triage, decided, validateOnly bool) (*domain.Opinion, *domain.Complaint, error) {
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
