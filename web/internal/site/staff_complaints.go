package site

import (
	"cmp"
	"slices"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/web/internal/view"
)

// The staff console's complaint queue (A6.2): a department's open
// complaints ordered by due time with the clock, and answering, extending,
// transferring and assigning.

// queuePages bounds how many pages of open complaints the queue reads.
const queuePages = 5

type queueData struct {
	Department  string
	Departments []view.Option
	Complaints  []*petitionv1.Complaint
}

func (a *App) staffQueue(rq *req) error {
	dept := rq.user().Department
	if q := rq.r.URL.Query().Get("department"); q != "" {
		dept = q
	}
	deps, err := departmentOptions(rq, false)
	if err != nil {
		return err
	}
	d := queueData{Department: dept, Departments: deps}
	if dept != "" {
		if d.Complaints, err = openComplaints(rq, dept); err != nil {
			return err
		}
	}
	return rq.render("staff_complaints", "staff.complaints_title", "staff", d)
}

// openComplaints reads a department's open complaints, earliest due first.
func openComplaints(rq *req, dept string) ([]*petitionv1.Complaint, error) {
	var all []*petitionv1.Complaint
	token := ""
	for range queuePages {
		res, err := rq.api.ListComplaints(rq.ctx(), &petitionv1.ListComplaintsRequest{DepartmentCode: dept, OpenOnly: true,
			PageSize: 100, PageToken: token})
		if err != nil {
			return nil, err
		}
		all = append(all, res.GetComplaints()...)
		if token = res.GetNextPageToken(); token == "" {
			break
		}
	}
	slices.SortStableFunc(all, func(x, y *petitionv1.Complaint) int {
		return cmp.Compare(x.GetDue().GetDueTime().AsTime().UnixNano(), y.GetDue().GetDueTime().AsTime().UnixNano())
	})
	return all, nil
}

// staffOpen opens a complaint by its id (the Mayor's office dispatches
// complaints that no department holds yet).
func (a *App) staffOpen(rq *req) error {
	id := rq.r.URL.Query().Get("id")
	if id == "" {
		return rq.redirect("/staff/complaints", "")
	}
	return rq.redirect("/staff/complaints/"+id, "")
}

type staffComplaintData struct {
	complaintNames
	Complaint   *petitionv1.Complaint
	Departments []view.Option
	Open        bool
}

func (a *App) staffComplaint(rq *req) error {
	c, names, err := loadComplaint(rq)
	if err != nil {
		return err
	}
	deps, err := departmentOptions(rq, true)
	if err != nil {
		return err
	}
	d := staffComplaintData{complaintNames: names, Complaint: c, Departments: deps, Open: open(c)}
	return rq.renderTitled("staff_complaint", rq.T("complaint.title", "receipt", c.GetReceiptNumber()), "staff", d)
}

func (a *App) staffAnswer(rq *req) error {
	id, f := rq.r.PathValue("id"), rq.r.PostForm
	_, err := rq.api.AnswerComplaint(rq.ctx(), &petitionv1.AnswerComplaintRequest{ComplaintId: id, Body: f.Get("body"), Etag: f.Get("etag"),
		Refusal: f.Get("refusal") == "on", RefusalReasons: f.Get("refusal_reasons"), Remedies: f.Get("remedies")})
	return a.staffDone(rq, "answer", err, "staff.answered")
}

func (a *App) staffExtend(rq *req) error {
	id, f := rq.r.PathValue("id"), rq.r.PostForm
	_, err := rq.api.ExtendComplaint(rq.ctx(), &petitionv1.ExtendComplaintRequest{ComplaintId: id, Period: f.Get("period"),
		Reason: f.Get("reason"), ComplainantConsent: f.Get("complainant_consent") == "on", Etag: f.Get("etag")})
	return a.staffDone(rq, "extend", err, "staff.extended")
}

func (a *App) staffTransfer(rq *req) error {
	id, f := rq.r.PathValue("id"), rq.r.PostForm
	_, err := rq.api.TransferComplaint(rq.ctx(), &petitionv1.TransferComplaintRequest{ComplaintId: id,
		ToDepartmentCode: f.Get("to_department_code"), OutsideAgency: f.Get("outside_agency"), Reason: f.Get("reason"), Etag: f.Get("etag")})
	return a.staffDone(rq, "transfer", err, "staff.transferred")
}

func (a *App) staffAssign(rq *req) error {
	id, f := rq.r.PathValue("id"), rq.r.PostForm
	_, err := rq.api.AssignComplaint(rq.ctx(), &petitionv1.AssignComplaintRequest{ComplaintId: id,
		DepartmentCode: f.Get("department_code"), HandlerSubject: f.Get("handler_subject"), Etag: f.Get("etag")})
	return a.staffDone(rq, "assign", err, "staff.assigned")
}

// staffDone finishes a complaint action: the form back with its problems,
// or the complaint with a message. A complaint transferred away may no
// longer be the official's to see, so success returns to the queue.
func (a *App) staffDone(rq *req, form string, err error, done string) error {
	if _, ok := rq.refused(form, err); ok {
		return a.staffComplaint(rq)
	}
	if err != nil {
		return err
	}
	to := "/staff/complaints/" + rq.r.PathValue("id")
	if form == "transfer" || form == "assign" {
		to = "/staff/complaints"
	}
	return rq.redirect(to, rq.T(done))
}
