package api

import (
	"context"
	"net/http"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
)

// Calls of the petition service (A6): Ask the Mayor as civil complaints
// with statutory deadlines, the departments' queues, the holiday table.

// ListComplaintTypes lists the kinds of complaint with their statutory periods.
func (k *Caller) ListComplaintTypes(ctx context.Context) (*petitionv1.ListComplaintTypesResponse, error) {
	out := new(petitionv1.ListComplaintTypesResponse)
	return out, k.get(ctx, "/v1/complaint-types", nil, out)
}

// ComputeDueDate is the due date the law gives a complaint received now.
func (k *Caller) ComputeDueDate(ctx context.Context, in *petitionv1.ComputeDueDateRequest) (*petitionv1.ComputeDueDateResponse, error) {
	out := new(petitionv1.ComputeDueDateResponse)
	return out, k.get(ctx, "/v1/complaint-clock", in, out)
}

// SubmitComplaint files a civil complaint.
func (k *Caller) SubmitComplaint(ctx context.Context, in *petitionv1.SubmitComplaintRequest) (*petitionv1.SubmitComplaintResponse, error) {
	out := new(petitionv1.SubmitComplaintResponse)
	return out, k.send(ctx, http.MethodPost, "/v1/complaints", in, out)
}

// GetComplaint reads a complaint (its complainant and handling officials).
func (k *Caller) GetComplaint(ctx context.Context, in *petitionv1.GetComplaintRequest) (*petitionv1.Complaint, error) {
	out := new(petitionv1.Complaint)
	return out, k.get(ctx, "/v1/complaints/"+seg(in.GetComplaintId()), in, out, "complaint_id")
}

// ListComplaints lists the caller's complaints, or a department's.
func (k *Caller) ListComplaints(ctx context.Context, in *petitionv1.ListComplaintsRequest) (*petitionv1.ListComplaintsResponse, error) {
	out := new(petitionv1.ListComplaintsResponse)
	return out, k.get(ctx, "/v1/complaints", in, out)
}

// ListDueComplaints is a department's open complaints by due time.
func (k *Caller) ListDueComplaints(ctx context.Context, in *petitionv1.ListDueComplaintsRequest) (*petitionv1.ListDueComplaintsResponse, error) {
	out := new(petitionv1.ListDueComplaintsResponse)
	return out, k.get(ctx, "/v1/departments/"+seg(in.GetDepartmentCode())+"/due-complaints", in, out, "department_code")
}

// AnswerComplaint answers (or refuses) a complaint.
func (k *Caller) AnswerComplaint(ctx context.Context, in *petitionv1.AnswerComplaintRequest) (*petitionv1.AnswerComplaintResponse, error) {
	out := new(petitionv1.AnswerComplaintResponse)
	return out, k.send(ctx, http.MethodPost, "/v1/complaints/"+seg(in.GetComplaintId())+":answer", in, out)
}

// ExtendComplaint extends the processing period.
func (k *Caller) ExtendComplaint(ctx context.Context, in *petitionv1.ExtendComplaintRequest) (*petitionv1.ExtendComplaintResponse, error) {
	out := new(petitionv1.ExtendComplaintResponse)
	return out, k.send(ctx, http.MethodPost, "/v1/complaints/"+seg(in.GetComplaintId())+":extend", in, out)
}

// TransferComplaint hands a complaint to another department or agency.
func (k *Caller) TransferComplaint(ctx context.Context, in *petitionv1.TransferComplaintRequest) (*petitionv1.TransferComplaintResponse, error) {
	out := new(petitionv1.TransferComplaintResponse)
	return out, k.send(ctx, http.MethodPost, "/v1/complaints/"+seg(in.GetComplaintId())+":transfer", in, out)
}

// RequestProgress asks the department how the complaint stands (complainant).
func (k *Caller) RequestProgress(ctx context.Context, in *petitionv1.RequestProgressRequest) (*petitionv1.RequestProgressResponse, error) {
	out := new(petitionv1.RequestProgressResponse)
	return out, k.send(ctx, http.MethodPost, "/v1/complaints/"+seg(in.GetComplaintId())+":progress", in, out)
}

// RateComplaint rates the answer (complainant).
func (k *Caller) RateComplaint(ctx context.Context, in *petitionv1.RateComplaintRequest) (*petitionv1.RateComplaintResponse, error) {
	out := new(petitionv1.RateComplaintResponse)
	return out, k.send(ctx, http.MethodPost, "/v1/complaints/"+seg(in.GetComplaintId())+":rate", in, out)
}

// RequestAdditionalAnswer asks for a further answer (complainant).
func (k *Caller) RequestAdditionalAnswer(ctx context.Context, in *petitionv1.RequestAdditionalAnswerRequest) (*petitionv1.RequestAdditionalAnswerResponse, error) {
	out := new(petitionv1.RequestAdditionalAnswerResponse)
	return out, k.send(ctx, http.MethodPost, "/v1/complaints/"+seg(in.GetComplaintId())+":request-additional-answer", in, out)
}

// GetHolidayTable reads the holiday table the clock counts with.
func (k *Caller) GetHolidayTable(ctx context.Context, in *petitionv1.GetHolidayTableRequest) (*petitionv1.HolidayTable, error) {
	out := new(petitionv1.HolidayTable)
	return out, k.get(ctx, "/v1/holiday-table", in, out)
}

// AmendHolidayTable adds or removes holidays (admins).
func (k *Caller) AmendHolidayTable(ctx context.Context, in *petitionv1.AmendHolidayTableRequest) (*petitionv1.AmendHolidayTableResponse, error) {
	out := new(petitionv1.AmendHolidayTableResponse)
	return out, k.send(ctx, http.MethodPost, "/v1/holiday-table:amend", in, out)
}

// AssignComplaint assigns a complaint to a department (the Mayor's office)
// or to a handler (the department).
func (k *Caller) AssignComplaint(ctx context.Context, in *petitionv1.AssignComplaintRequest) (*petitionv1.AssignComplaintResponse, error) {
	out := new(petitionv1.AssignComplaintResponse)
	return out, k.send(ctx, http.MethodPost, "/v1/complaints/"+seg(in.GetComplaintId())+":assign", in, out)
}

// ListPublicComplaints lists answered complaints published with consent.
func (k *Caller) ListPublicComplaints(ctx context.Context, in *petitionv1.ListPublicComplaintsRequest) (*petitionv1.ListPublicComplaintsResponse, error) {
	out := new(petitionv1.ListPublicComplaintsResponse)
	return out, k.get(ctx, "/v1/public-complaints", in, out)
}
