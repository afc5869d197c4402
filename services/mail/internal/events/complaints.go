package events

import (
	"context"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/platform/consumer"
	"github.com/seoul-gov/homepage/platform/pg"
)

// Complaint event kinds owed to the complainant and to the department
// (A9.1); triaged and reopened are internal steps and owe no mail.
var (
	citizenComplaint = map[string]string{
		"received": "complaint_received", "transferred": "complaint_transferred", "extended": "complaint_extended",
		"progress": "complaint_progress", "answered": "complaint_answered", "closed": "complaint_closed",
	}
	departmentComplaint = map[string]string{
		"assigned": "complaint_assigned", "due_soon": "complaint_due_soon", "overdue": "complaint_overdue",
	}
)

func (h *Handlers) complaint(ctx context.Context, tx pgx.Tx, m *petitionv1.ComplaintEvent) error {
	if err := required(m.GetComplaintId() != "" && m.GetReceiptNumber() != "", "complaint_id"); err != nil {
		return err
	}
	ev, _ := consumer.EventFrom(ctx)
	kind := ev.Subject[strings.LastIndexByte(ev.Subject, '.')+1:]
	params := map[string]string{"receipt_number": m.GetReceiptNumber(), "due_at": ts(m.GetDueTime()),
		"legal_basis": legalBasis(m), "transferred_to": transferTarget(m.GetDetail()), "extension": m.GetDetail()}
	src := source(ctx, m.GetComplaintId(), m.GetDepartmentCode())
	if t, ok := citizenComplaint[kind]; ok && m.GetCitizenSubject() != "" {
		return h.app(pg.Joined(tx)).NotifyCitizen(ctx, src, t, m.GetCitizenSubject(), params)
	}
	if t, ok := departmentComplaint[kind]; ok && m.GetDepartmentCode() != "" {
		return h.app(pg.Joined(tx)).NotifyDepartment(ctx, src, t, m.GetDepartmentCode(), params)
	}
	return nil
}

func legalBasis(m *petitionv1.ComplaintEvent) string {
	if m.GetLegalBasis() != "" {
		return m.GetLegalBasis()
	}
	return "민원 처리에 관한 법률"
}

// transferTarget reads "department:X" / "agency:Y" of a transfer.
func transferTarget(detail string) string {
	if _, v, ok := strings.Cut(detail, ":"); ok {
		return v
	}
	return detail
}

func (h *Handlers) removed(ctx context.Context, tx pgx.Tx, m *boardv1.PostRemoved) error {
	if err := required(m.GetAuthorSubject() != "" && m.GetPostId() != "", "post_id"); err != nil {
		return err
	}
	return h.app(pg.Joined(tx)).NotifyCitizen(ctx, source(ctx, m.GetPostId(), ""), "post_removed", m.GetAuthorSubject(),
		map[string]string{"target_type": targetType(m.GetTargetType()), "ground": m.GetGround(), "decision_id": m.GetDecisionId()})
}

func (h *Handlers) restored(ctx context.Context, tx pgx.Tx, m *boardv1.PostRestored) error {
	if err := required(m.GetAuthorSubject() != "" && m.GetPostId() != "", "post_id"); err != nil {
		return err
	}
	return h.app(pg.Joined(tx)).NotifyCitizen(ctx, source(ctx, m.GetPostId(), ""), "post_restored", m.GetAuthorSubject(),
		map[string]string{"target_type": targetType(m.GetTargetType()), "decision_id": m.GetDecisionId()})
}

func targetType(t string) string {
	if t == "comment" {
		return "댓글 (comment)"
	}
	return "게시글 (post)"
}

func formatInt(n int64) string { return strconv.FormatInt(n, 10) }
