package grpcapi

import (
	"context"

	mailv1 "github.com/seoul-gov/homepage/gen/seoul/mail/v1"
	"github.com/seoul-gov/homepage/services/mail/internal/app"
	"github.com/seoul-gov/homepage/services/mail/internal/domain"
)

var statuses = map[mailv1.NoticeStatus]domain.Status{
	mailv1.NoticeStatus_NOTICE_STATUS_PENDING:    domain.StatusPending,
	mailv1.NoticeStatus_NOTICE_STATUS_ACCEPTED:   domain.StatusAccepted,
	mailv1.NoticeStatus_NOTICE_STATUS_FAILED:     domain.StatusFailed,
	mailv1.NoticeStatus_NOTICE_STATUS_SUPPRESSED: domain.StatusSuppressed,
}

// SendNotice implements the RPC.
func (s *Server) SendNotice(ctx context.Context, r *mailv1.SendNoticeRequest) (*mailv1.SendNoticeResponse, error) {
	n, err := s.app.SendNotice(ctx, app.SendNotice{RequestID: r.GetRequestId(), Template: r.GetTemplate(),
		RecipientSubject: r.GetRecipientSubject(), Params: r.GetParams()})
	if err != nil {
		return nil, err
	}
	return &mailv1.SendNoticeResponse{Notice: s.notice(n)}, nil
}

// ListNotices implements the RPC.
func (s *Server) ListNotices(ctx context.Context, r *mailv1.ListNoticesRequest) (*mailv1.ListNoticesResponse, error) {
	list, next, err := s.app.ListNotices(ctx, app.NoticeFilter{RecipientSubject: r.GetRecipientSubject(),
		SourceID: r.GetSourceId(), Status: statuses[r.GetStatus()]}, int(r.GetPageSize()), r.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &mailv1.ListNoticesResponse{NextPageToken: next}
	for _, n := range list {
		out.Notices = append(out.Notices, s.notice(n))
	}
	return out, nil
}

// GetNotice implements the RPC.
func (s *Server) GetNotice(ctx context.Context, r *mailv1.GetNoticeRequest) (*mailv1.Notice, error) {
	n, err := s.app.GetNotice(ctx, r.GetNoticeId())
	if err != nil {
		return nil, err
	}
	return s.notice(n), nil
}

func (s *Server) notice(n *domain.Notice) *mailv1.Notice {
	pb := &mailv1.Notice{Id: n.ID, Template: n.Template, Recipient: n.Recipient, RecipientSubject: n.RecipientSubject,
		Attempts: int32(n.Attempts), LastError: n.LastError, Failure: n.Failure, MessageId: "<" + n.MessageID(s.app.Domain()) + ">",
		SourceSubject: n.SourceSubject, SourceId: n.SourceID, CreateTime: ts(n.CreatedAt), DepartmentCode: n.DepartmentCode}
	for k, v := range statuses {
		if v == n.Status {
			pb.Status = k
		}
	}
	if n.Status == domain.StatusPending {
		pb.NextAttemptTime = ts(n.NextAttemptAt)
	}
	pb.AcceptTime = ts(n.AcceptedAt)
	return pb
}
