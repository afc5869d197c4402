package grpcapi

import (
	"context"

	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/fieldmask"
	"github.com/seoul-gov/homepage/platform/localized/wire"
	"github.com/seoul-gov/homepage/services/event/internal/app"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// CreateParticipationEvent implements the RPC.
func (s *Server) CreateParticipationEvent(ctx context.Context, r *eventv1.CreateParticipationEventRequest) (*eventv1.ParticipationEvent, error) {
	e, err := s.app.CreateParticipationEvent(ctx, r.GetRequestId(), draftIn(r.GetDraft()))
	if err != nil {
		return nil, err
	}
	return eventOut(e, reader(ctx)), nil
}

// UpdateParticipationEvent implements the RPC.
func (s *Server) UpdateParticipationEvent(ctx context.Context, r *eventv1.UpdateParticipationEventRequest) (*eventv1.ParticipationEvent, error) {
	mask, err := fieldmask.Parse(r.GetUpdateMask(), r.GetDraft(), "**")
	if err != nil {
		return nil, err
	}
	e, err := s.app.UpdateParticipationEvent(ctx, r.GetEventId(), r.GetEtag(), func(stored domain.Draft) domain.Draft {
		draft := draftOut(stored)
		fieldmask.Apply(draft, r.GetDraft(), mask)
		return draftIn(draft)
	})
	if err != nil {
		return nil, err
	}
	return eventOut(e, reader(ctx)), nil
}

// GetParticipationEvent implements the RPC.
func (s *Server) GetParticipationEvent(ctx context.Context, r *eventv1.GetParticipationEventRequest) (*eventv1.ParticipationEvent, error) {
	e, err := s.app.GetParticipationEvent(ctx, r.GetEventId())
	if err != nil {
		return nil, err
	}
	return eventOut(e, wire.ReaderLanguage(ctx, r.GetLanguage())), nil
}

// ListParticipationEvents implements the RPC.
func (s *Server) ListParticipationEvents(ctx context.Context, r *eventv1.ListParticipationEventsRequest) (*eventv1.ListParticipationEventsResponse, error) {
	f := app.ListFilter{Status: statuses[r.GetStatus()], Purpose: purposes[r.GetPurpose()],
		Department: r.GetDepartmentCode()}
	var v errs.Violations
	v.Check(r.GetStatus() != eventv1.Status_STATUS_UNSPECIFIED && f.Status == "", "status", "INVALID_ENUM")
	v.Check(r.GetPurpose() != eventv1.Purpose_PURPOSE_UNSPECIFIED && f.Purpose == "", "purpose", "INVALID_ENUM")
	if err := v.Err(); err != nil {
		return nil, err
	}
	list, next, err := s.app.ListParticipationEvents(ctx, f, int(r.GetPageSize()), r.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &eventv1.ListParticipationEventsResponse{NextPageToken: next}
	lang := wire.ReaderLanguage(ctx, r.GetLanguage())
	for _, e := range list {
		out.ParticipationEvents = append(out.ParticipationEvents, eventOut(e, lang))
	}
	return out, nil
}

// AnnounceParticipationEvent implements the RPC.
func (s *Server) AnnounceParticipationEvent(ctx context.Context, r *eventv1.AnnounceParticipationEventRequest) (*eventv1.AnnounceParticipationEventResponse, error) {
	e, err := s.app.AnnounceParticipationEvent(ctx, r.GetEventId(), r.GetEtag())
	if err != nil {
		return nil, err
	}
	return &eventv1.AnnounceParticipationEventResponse{ParticipationEvent: eventOut(e, reader(ctx))}, nil
}

// GetAnnouncement implements the RPC.
func (s *Server) GetAnnouncement(ctx context.Context, r *eventv1.GetAnnouncementRequest) (*eventv1.Announcement, error) {
	e, err := s.app.GetAnnouncement(ctx, r.GetEventId())
	if err != nil {
		return nil, err
	}
	return &eventv1.Announcement{EventId: e.ID,
		Document: string(e.AnnouncementDocument), Hash: e.AnnouncementHash, AnnounceTime: timeOut(e.AnnouncedAt)}, nil
}

// OpenParticipationEvent implements the RPC.
func (s *Server) OpenParticipationEvent(ctx context.Context, r *eventv1.OpenParticipationEventRequest) (*eventv1.OpenParticipationEventResponse, error) {
	e, err := s.app.OpenParticipationEvent(ctx, r.GetEventId(), r.GetEtag())
	if err != nil {
		return nil, err
	}
	return &eventv1.OpenParticipationEventResponse{ParticipationEvent: eventOut(e, reader(ctx))}, nil
}

// CloseParticipationEvent implements the RPC.
func (s *Server) CloseParticipationEvent(ctx context.Context, r *eventv1.CloseParticipationEventRequest) (*eventv1.CloseParticipationEventResponse, error) {
	e, err := s.app.CloseParticipationEvent(ctx, r.GetEventId(), r.GetEtag())
	if err != nil {
		return nil, err
	}
	return &eventv1.CloseParticipationEventResponse{ParticipationEvent: eventOut(e, reader(ctx))}, nil
}

// CreateEntry implements the RPC.
func (s *Server) CreateEntry(ctx context.Context, r *eventv1.CreateEntryRequest) (*eventv1.Entry, error) {
	answers := make([]domain.Answer, len(r.GetAnswers()))
	for i, a := range r.GetAnswers() {
		answers[i] = domain.Answer{QuestionID: a.GetQuestionId(), Value: a.GetValue()}
	}
	contact := domain.Contact{Name: r.GetContact().GetName(), Phone: r.GetContact().GetPhone()}
	en, err := s.app.CreateEntry(ctx, r.GetEventId(), answers, contact)
	if err != nil {
		return nil, err
	}
	return entryOut(en), nil
}

// GetMyEntry implements the RPC.
func (s *Server) GetMyEntry(ctx context.Context, r *eventv1.GetMyEntryRequest) (*eventv1.Entry, error) {
	en, err := s.app.GetMyEntry(ctx, r.GetEventId())
	if err != nil {
		return nil, err
	}
	return entryOut(en), nil
}
