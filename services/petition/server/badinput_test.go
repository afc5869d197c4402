package server_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// TestBadInputNamesFieldsAndStoresNothing: invalid submissions are
// InvalidArgument naming every bad field, and nothing is stored here, in
// the outbox or in the privacy service (A6.2, A10).
func TestBadInputNamesFieldsAndStoresNothing(t *testing.T) {
	t.Parallel()
	f := start(t)
	cases := []struct {
		name   string
		req    *petitionv1.SubmitComplaintRequest
		fields []string
	}{
		{"everything missing", &petitionv1.SubmitComplaintRequest{},
			[]string{"complaint_type", "title", "body", "contact.name", "contact.phone"}},
		{"unknown type and bad contact", &petitionv1.SubmitComplaintRequest{ComplaintType: "petition", Title: "t", Body: "b",
			Contact: &petitionv1.Contact{Name: "홍길동", Phone: "call me", Email: "not-an-address"}},
			[]string{"complaint_type", "contact.phone", "contact.email"}},
		{"name but no way to reach", &petitionv1.SubmitComplaintRequest{ComplaintType: "other", Title: "t", Body: "b",
			Contact: &petitionv1.Contact{Name: "홍길동"}}, []string{"contact.phone"}},
		{"bad location", &petitionv1.SubmitComplaintRequest{ComplaintType: "other", Title: "t", Body: "b",
			Contact: &petitionv1.Contact{Name: "홍길동", Phone: "010-1234-5678"}, Location: &petitionv1.Location{Lat: 91, Long: -181}},
			[]string{"location.lat", "location.long"}},
	}
	for _, tc := range cases {
		_, err := f.api.SubmitComplaint(f.as(t, citizen), tc.req)
		for _, field := range tc.fields {
			servicetest.RequireInvalidField(t, err, field)
		}
	}
	_, err := f.api.SubmitOpinion(f.as(t, citizen), &petitionv1.SubmitOpinionRequest{Title: "", Body: "",
		Contact: &petitionv1.Contact{Email: "x"}})
	servicetest.RequireInvalidField(t, err, "title")
	servicetest.RequireInvalidField(t, err, "body")
	servicetest.RequireInvalidField(t, err, "contact.email")
	_, err = f.api.ExtendComplaint(f.as(t, mayorOffice), &petitionv1.ExtendComplaintRequest{ComplaintId: "nope", Period: "7w"})
	servicetest.RequireInvalidField(t, err, "complaint_id")
	servicetest.RequireInvalidField(t, err, "period")
	servicetest.RequireInvalidField(t, err, "reason")
	_, err = f.api.TriageOpinion(f.as(t, mayorOffice), &petitionv1.TriageOpinionRequest{OpinionId: "x", DepartmentCode: "bad code"})
	servicetest.RequireInvalidField(t, err, "decision")
	servicetest.RequireInvalidField(t, err, "department_code")
	_, err = f.api.ListDepartmentFigures(t.Context(), &petitionv1.ListDepartmentFiguresRequest{})
	servicetest.RequireInvalidField(t, err, "start_time")
	_, err = f.api.ComputeDueDate(t.Context(), &petitionv1.ComputeDueDateRequest{ComplaintType: "x"})
	servicetest.RequireInvalidField(t, err, "complaint_type")

	for _, table := range []string{"complaints", "opinions", "outbox", "complaint_history", "receipt_counters"} {
		require.Zero(t, f.count(t, `SELECT count(*) FROM `+table), table)
	}
	require.Zero(t, privacyRows(t, f), "nothing reached the privacy service")
}

// privacyRows counts rows in the privacy service's tables other than its
// bookkeeping, policies and keys.
func privacyRows(t *testing.T, f fixture) int {
	t.Helper()
	rows, err := f.priv.Pool.Query(context.Background(), `SELECT table_name FROM information_schema.tables
		WHERE table_schema = 'public' AND table_name ~ '(field|value|subject|access)'`)
	require.NoError(t, err)
	var tables []string
	for rows.Next() {
		var n string
		require.NoError(t, rows.Scan(&n))
		tables = append(tables, n)
	}
	require.NoError(t, rows.Err())
	require.NotEmpty(t, tables)
	total := 0
	for _, tb := range tables {
		var n int
		require.NoError(t, f.priv.Pool.QueryRow(context.Background(), `SELECT count(*) FROM "`+tb+`"`).Scan(&n))
		total += n
	}
	return total
}
