package server_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/types/known/timestamppb"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/petition/internal/domain/clock"
)

// TestA6_2_HolidayTableAmendmentIsVersioned: an admin declares a temporary
// holiday as a new version; due dates computed before keep the version in
// force then (2: the shipped table through 2030).
func TestA6_2_HolidayTableAmendmentIsVersioned(t *testing.T) {
	t.Parallel()
	f := start(t)
	before := f.submit(t, citizen, "other")
	received := timestamppb.New(time.Date(2027, 3, 8, 17, 0, 0, 0, clock.Seoul)) // a Monday
	due, err := f.api.ComputeDueDate(t.Context(), &petitionv1.ComputeDueDateRequest{ComplaintType: "other", ReceiveTime: received})
	require.NoError(t, err)
	require.Equal(t, time.Date(2027, 3, 9, 11, 0, 0, 0, clock.Seoul), due.GetDue().GetDueTime().AsTime().In(clock.Seoul))

	amend := &petitionv1.AmendHolidayTableRequest{Add: []*petitionv1.Holiday{{Date: "2027-03-09", Name: "임시공휴일"}},
		Reason: "임시공휴일 지정", Source: "인사혁신처 공고 (test)"}
	_, err = f.api.AmendHolidayTable(f.as(t, mayorOffice), amend)
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = f.api.AmendHolidayTable(f.as(t, admin), &petitionv1.AmendHolidayTableRequest{
		Add: []*petitionv1.Holiday{{Date: "2031-01-01", Name: "x"}}, Reason: "r", Source: "s"})
	servicetest.RequireInvalidField(t, err, "add[0].date") // outside coverage
	current, err := f.api.GetHolidayTable(t.Context(), &petitionv1.GetHolidayTableRequest{})
	require.NoError(t, err)
	amend.Etag = current.GetEtag()
	table, err := f.api.AmendHolidayTable(f.as(t, admin), amend)
	require.NoError(t, err)
	require.Equal(t, int32(3), table.GetTable().GetVersion())
	_, err = f.api.AmendHolidayTable(f.as(t, admin), amend) // made on version 2, which is no longer in force
	servicetest.RequireReason(t, err, codes.Aborted, "ETAG_MISMATCH")

	due, err = f.api.ComputeDueDate(t.Context(), &petitionv1.ComputeDueDateRequest{ComplaintType: "other", ReceiveTime: received})
	require.NoError(t, err)
	require.Equal(t, time.Date(2027, 3, 10, 11, 0, 0, 0, clock.Seoul), due.GetDue().GetDueTime().AsTime().In(clock.Seoul))
	require.Equal(t, int32(3), due.GetDue().GetHolidayTableVersion())

	got, err := f.api.GetComplaint(f.as(t, citizen), &petitionv1.GetComplaintRequest{ComplaintId: before.GetId()})
	require.NoError(t, err)
	require.Equal(t, int32(2), got.GetDue().GetHolidayTableVersion())
	require.Equal(t, 3, f.count(t, `SELECT count(*) FROM holiday_tables`))
	v2, err := f.api.GetHolidayTable(t.Context(), &petitionv1.GetHolidayTableRequest{Version: 2})
	require.NoError(t, err)
	require.Len(t, v2.GetHolidays(), len(table.GetTable().GetHolidays())-1)
}

// TestA6_2_DueAnnouncementsOnceWithReplicas: complaints nearing and past
// their due time are announced once each, even with several replicas
// running the announcer at the same moment.
func TestA6_2_DueAnnouncementsOnceWithReplicas(t *testing.T) {
	t.Parallel()
	f := start(t)
	late := f.submit(t, citizen, "other")
	soon := f.submit(t, citizen, "inquiry_law")
	_, err := f.env.Pool.Exec(t.Context(), `UPDATE complaints SET department_code = 'SMG-TRANSPORT', status = 'assigned',
		warn_at = now() - interval '2 hours', due_at = CASE WHEN id = $1 THEN now() - interval '1 hour' ELSE now() + interval '1 day' END`,
		late.GetId())
	require.NoError(t, err)

	// Three more "replicas" race the service's own announcer.
	var wg sync.WaitGroup
	errs := make(chan error, 3)
	for range 3 {
		wg.Go(func() {
			replica := f.replica(nil)
			_, err := replica.AnnounceDue(context.Background())
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	servicetest.Eventually(t, "announcements", func() bool {
		return f.outboxCount(t, "seoul.petition.complaint.overdue") == 1 && f.outboxCount(t, "seoul.petition.complaint.due_soon") == 1
	})
	// Once announced, another round finds nothing left to announce.
	n, err := f.replica(nil).AnnounceDue(t.Context())
	require.NoError(t, err)
	require.Zero(t, n)
	require.Equal(t, 1, f.outboxCount(t, "seoul.petition.complaint.overdue"))
	require.Equal(t, 1, f.outboxCount(t, "seoul.petition.complaint.due_soon"))
	require.Equal(t, "SMG-TRANSPORT", f.streamed(t, "seoul.petition.complaint.overdue", late.GetId()).GetDepartmentCode())
	f.streamed(t, "seoul.petition.complaint.due_soon", soon.GetId())

	due, err := f.api.ListDueComplaints(f.as(t, transport), &petitionv1.ListDueComplaintsRequest{DepartmentCode: "SMG-TRANSPORT"})
	require.NoError(t, err)
	require.Len(t, due.GetDueComplaints(), 2)
	_, err = f.api.ListDueComplaints(f.as(t, welfare), &petitionv1.ListDueComplaintsRequest{DepartmentCode: "SMG-TRANSPORT"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)

	// Answering late counts in the overdue share (A4.3).
	_, err = f.api.AnswerComplaint(f.as(t, transport), &petitionv1.AnswerComplaintRequest{ComplaintId: late.GetId(), Body: "늦었습니다."})
	require.NoError(t, err)
	_, err = f.api.ExtendComplaint(f.as(t, transport), &petitionv1.ExtendComplaintRequest{ComplaintId: soon.GetId(), Period: "5d", Reason: "협의"})
	require.NoError(t, err)
	// Known times for the answered complaint: received 45 minutes ago,
	// first answered 27 minutes later, so the median is 0.45 hours.
	_, err = f.env.Pool.Exec(t.Context(), `UPDATE complaints SET received_at = now() - interval '45 minutes',
		first_answered_at = now() - interval '18 minutes' WHERE id = $1`, late.GetId())
	require.NoError(t, err)
	figs, err := f.api.ListDepartmentFigures(t.Context(), &petitionv1.ListDepartmentFiguresRequest{
		StartTime: timestamppb.New(time.Now().Add(-time.Hour)), EndTime: timestamppb.New(time.Now().Add(time.Hour))})
	require.NoError(t, err)
	require.Len(t, figs.GetDepartmentFigures(), 1)
	d := figs.GetDepartmentFigures()[0]
	require.Equal(t, "SMG-TRANSPORT", d.GetDepartmentCode())
	require.Equal(t, int32(2), d.GetReceived())
	require.Equal(t, int32(1), d.GetAnswered())
	require.Equal(t, int32(1), d.GetExtended())
	require.Equal(t, int32(1), d.GetOverdue())
	require.InDelta(t, 0.5, d.GetOverdueShare(), 1e-9)
	require.InDelta(t, 0.45, d.GetMedianHoursToAnswer(), 1e-9)
}

// TestA6_2_ProvisionalDuePastTheTableRecomputedOnAmendment: a complaint
// whose period runs past the holiday table is received, never refused; its
// due date counts weekends alone past the table and says it is
// provisional; when the table is amended the date is computed again and
// the history shows both.
func TestA6_2_ProvisionalDuePastTheTableRecomputedOnAmendment(t *testing.T) {
	t.Parallel()
	f, _ := startAt(t, time.Date(2030, 12, 20, 10, 0, 0, 0, clock.Seoul)) // a Friday; the table ends 2030-12-31
	c := f.submit(t, citizen, "proposal")                                 // 14 working days
	require.True(t, c.GetDue().GetProvisional())
	require.Equal(t, int32(2), c.GetDue().GetHolidayTableVersion())
	provisional := time.Date(2031, 1, 9, 18, 0, 0, 0, clock.Seoul) // 2031-01-01 counted: no table says otherwise yet
	require.Equal(t, provisional, c.GetDue().GetDueTime().AsTime().In(clock.Seoul))
	computed, err := f.api.ComputeDueDate(t.Context(), &petitionv1.ComputeDueDateRequest{ComplaintType: "proposal"})
	require.NoError(t, err)
	require.True(t, computed.GetDue().GetProvisional())

	current, err := f.api.GetHolidayTable(t.Context(), &petitionv1.GetHolidayTableRequest{})
	require.NoError(t, err)
	_, err = f.api.AmendHolidayTable(f.as(t, admin), &petitionv1.AmendHolidayTableRequest{CoversTo: "2031-12-31",
		Add:    []*petitionv1.Holiday{{Date: "2031-01-01", Name: "1월 1일"}},
		Reason: "2031년 공휴일", Source: "관공서의 공휴일에 관한 규정 제2조 (test)", Etag: current.GetEtag()})
	require.NoError(t, err)

	final := time.Date(2031, 1, 10, 18, 0, 0, 0, clock.Seoul)
	var got *petitionv1.Complaint
	servicetest.Eventually(t, "the due date computed again", func() bool {
		r, err := f.api.GetComplaint(f.as(t, citizen), &petitionv1.GetComplaintRequest{ComplaintId: c.GetId()})
		require.NoError(t, err)
		got = r
		return got.GetDue().GetHolidayTableVersion() == 3
	})
	require.False(t, got.GetDue().GetProvisional())
	require.Equal(t, final, got.GetDue().GetDueTime().AsTime().In(clock.Seoul))
	lines := map[string]string{}
	for _, h := range got.GetHistory() {
		lines[h.GetAction()] = h.GetDetail()
	}
	require.Contains(t, lines["due_provisional"], "2031-01-09T18:00:00+09:00")
	require.Contains(t, lines["due_recomputed"], "2031-01-09T18:00:00+09:00 (provisional, holiday table 2)")
	require.Contains(t, lines["due_recomputed"], "2031-01-10T18:00:00+09:00 (final, holiday table 3)")
	ev := f.streamed(t, "seoul.petition.complaint.due_recomputed", c.GetId())
	require.Equal(t, final, ev.GetDueTime().AsTime().In(clock.Seoul))
}
