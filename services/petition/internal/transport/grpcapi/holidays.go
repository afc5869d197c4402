package grpcapi

import (
	"context"
	"github.com/seoul-gov/homepage/platform/etag"
	"sort"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/services/petition/internal/app"
)

func tableOut(t app.HolidayTable) *petitionv1.HolidayTable {
	out := &petitionv1.HolidayTable{Version: int32(t.Version), Etag: etag.Of(int64(t.Version)), CoversFrom: t.From.String(), CoversTo: t.To.String(),
		Source: t.Source, Reason: t.Reason, CreateTime: ts(t.CreatedAt)}
	for d, name := range t.Holidays {
		out.Holidays = append(out.Holidays, &petitionv1.Holiday{Date: d.String(), Name: name})
	}
	sort.Slice(out.Holidays, func(i, j int) bool { return out.Holidays[i].Date < out.Holidays[j].Date })
	return out
}

// GetHolidayTable returns a version of the holiday table.
func (s *Server) GetHolidayTable(ctx context.Context, r *petitionv1.GetHolidayTableRequest) (*petitionv1.HolidayTable, error) {
	t, err := s.app.HolidayTable(ctx, int(r.GetVersion()))
	if err != nil {
		return nil, err
	}
	return tableOut(t), nil
}

// AmendHolidayTable writes a new version of the holiday table (admins).
func (s *Server) AmendHolidayTable(ctx context.Context, r *petitionv1.AmendHolidayTableRequest) (*petitionv1.AmendHolidayTableResponse, error) {
	a := app.Amendment{Remove: r.GetRemove(), Reason: r.GetReason(), Etag: r.GetEtag(),
		Source: r.GetSource(), CoverTo: r.GetCoversTo()}
	for _, h := range r.GetAdd() {
		a.Add = append(a.Add, app.HolidayInput{Date: h.GetDate(), Name: h.GetName()})
	}
	t, err := s.app.AmendHolidayTable(ctx, a)
	if err != nil {
		return nil, err
	}
	return &petitionv1.AmendHolidayTableResponse{Table: tableOut(t)}, nil
}

// ComputeDueDate tells when a complaint would be due.
func (s *Server) ComputeDueDate(ctx context.Context, r *petitionv1.ComputeDueDateRequest) (*petitionv1.ComputeDueDateResponse, error) {
	d, err := s.app.ComputeDueDate(ctx, r.GetComplaintType(), timeIn(r.GetReceiveTime()))
	if err != nil {
		return nil, err
	}
	return &petitionv1.ComputeDueDateResponse{Due: dueOut(d)}, nil
}
