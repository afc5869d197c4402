package server_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/types/known/timestamppb"

	mailv1 "github.com/seoul-gov/homepage/gen/seoul/mail/v1"
	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// TestA9_1UndeliveredNoticeShowsInTheComplaintHistory: when the mail
// service reports that a complaint's notice could not be delivered, the
// complaint's history says so, once, even if the report is redelivered;
// reports about other things, or about a notice to the department rather
// than the complainant, leave the history alone.
func TestA9_1UndeliveredNoticeShowsInTheComplaintHistory(t *testing.T) {
	f := start(t)
	c := f.submit(t, citizen, "proposal")
	failed := &mailv1.DeliveryFailed{NoticeId: "n-1", Template: "complaint_received", SourceSubject: "seoul.petition.complaint.received",
		SourceId: c.GetId(), RecipientSubject: citizen.Subject, Reason: "rejected", OccurTime: timestamppb.Now()}
	servicetest.PublishEvent(t, f.env.JS, "mail", "seoul.mail.delivery.failed", "ev-failed-1", failed)
	servicetest.PublishEvent(t, f.env.JS, "mail", "seoul.mail.delivery.failed", "ev-failed-other", &mailv1.DeliveryFailed{
		NoticeId: "n-2", Template: "points_expiring", SourceSubject: "seoul.mileage.points.expiring", SourceId: c.GetId(),
		RecipientSubject: citizen.Subject, Reason: "rejected"})
	servicetest.PublishEvent(t, f.env.JS, "mail", "seoul.mail.delivery.failed", "ev-failed-dept", &mailv1.DeliveryFailed{
		NoticeId: "n-3", Template: "complaint_assigned", SourceSubject: "seoul.petition.complaint.assigned", SourceId: c.GetId(),
		RecipientSubject: "transport-1", Reason: "rejected"})
	servicetest.Eventually(t, "the reports consumed", func() bool {
		return f.count(t, `SELECT count(*) FROM inbox WHERE consumer = 'mail-delivery-failed'`) == 3
	})
	servicetest.PublishDuplicate(t, f.env.JS, "mail", "seoul.mail.delivery.failed", "ev-failed-1", failed)
	servicetest.Eventually(t, "the duplicate consumed", func() bool {
		info, err := f.env.JS.Consumer(t.Context(), "MAIL", "petition-mail-delivery-failed")
		if err != nil {
			return false
		}
		ci, err := info.Info(t.Context())
		return err == nil && ci.NumPending == 0 && ci.NumAckPending == 0 && ci.Delivered.Stream >= 4
	})

	got, err := f.api.GetComplaint(f.as(t, mayorOffice), &petitionv1.GetComplaintRequest{ComplaintId: c.GetId()})
	require.NoError(t, err)
	var lines []string
	for _, h := range got.GetHistory() {
		if h.GetAction() == "notice_undelivered" {
			lines = append(lines, h.GetDetail())
		}
	}
	require.Equal(t, []string{"the complaint_received notice did not reach the complainant (rejected)"}, lines)
}
