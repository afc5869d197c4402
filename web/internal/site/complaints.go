package site

import (
	"strconv"
	"strings"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/web/internal/view"
)

// Ask the Mayor (A6): filing a civil complaint with the due date the law
// gives shown before and after filing, tracking it, rating the answer.

type mayorData struct {
	Public []*petitionv1.PublicComplaint
}

func (a *App) mayor(rq *req) error {
	res, err := rq.api.ListPublicComplaints(rq.ctx(), &petitionv1.ListPublicComplaintsRequest{PageSize: 10})
	if err != nil {
		return err
	}
	return rq.render("mayor", "mayor.title", "mayor", mayorData{Public: res.GetPublicComplaints()})
}

// complaintType is a kind of complaint with the due date it would get if
// filed now.
type complaintType struct {
	Type *petitionv1.ComplaintType
	Due  *petitionv1.DueDate
}

type newComplaintData struct {
	Types     []complaintType
	Options   []view.Option
	RequestID string
}

func (a *App) newComplaint(rq *req) error {
	types, err := a.complaintTypes(rq)
	if err != nil {
		return err
	}
	d := newComplaintData{Types: types, RequestID: formRequestID(rq.page.Form("complaint")),
		Options: []view.Option{{Value: "", Label: rq.T("complaint.type_choose")}}}
	for _, t := range types {
		d.Options = append(d.Options, view.Option{Value: t.Type.GetCode(), Label: typeName(rq, t.Type),
			Note: rq.T("complaint.due_if_now", "due", rq.page.DateTime(t.Due.GetDueTime()))})
	}
	return rq.render("complaint_new", "complaint.new_title", "mayor", d)
}

// complaintTypes asks the edge for each type's due date if received now,
// so the citizen sees the statutory deadline before filing.
func (a *App) complaintTypes(rq *req) ([]complaintType, error) {
	res, err := rq.api.ListComplaintTypes(rq.ctx())
	if err != nil {
		return nil, err
	}
	out := make([]complaintType, 0, len(res.GetComplaintTypes()))
	for _, t := range res.GetComplaintTypes() {
		due, err := rq.api.ComputeDueDate(rq.ctx(), &petitionv1.ComputeDueDateRequest{ComplaintType: t.GetCode()})
		if err != nil {
			return nil, err
		}
		out = append(out, complaintType{Type: t, Due: due.GetDue()})
	}
	return out, nil
}

func typeName(rq *req, t *petitionv1.ComplaintType) string {
	if rq.loc.Lang == "en" && t.GetNameEn() != "" {
		return t.GetNameEn()
	}
	return t.GetNameKo()
}

// fileComplaint files the complaint; the contact goes to the privacy
// vault through the edge, never to the web front's logs or storage.
func (a *App) fileComplaint(rq *req) error {
	f := rq.r.PostForm
	in := &petitionv1.SubmitComplaintRequest{RequestId: f.Get("request_id"), ComplaintType: f.Get("complaint_type"),
		Title: f.Get("title"), Body: f.Get("body"), PublishConsent: f.Get("publish_consent") == "on",
		Contact: &petitionv1.Contact{Name: f.Get("contact.name"), Phone: f.Get("contact.phone"), Email: f.Get("contact.email")}}
	if addr := strings.TrimSpace(f.Get("location.address")); addr != "" {
		in.Location = &petitionv1.Location{Address: addr}
	}
	res, err := rq.api.SubmitComplaint(rq.ctx(), in)
	if _, ok := rq.refused("complaint", err); ok {
		return a.newComplaint(rq)
	}
	if err != nil {
		return err
	}
	c := res.GetComplaint()
	return rq.redirect("/complaints/"+c.GetId(), rq.T("complaint.filed", "receipt", c.GetReceiptNumber(),
		"due", rq.page.DateTime(c.GetDue().GetDueTime())))
}

func (a *App) myComplaints(rq *req) error {
	res, err := rq.api.ListComplaints(rq.ctx(), &petitionv1.ListComplaintsRequest{PageSize: pageSize,
		PageToken: rq.r.URL.Query().Get("page_token")})
	if err != nil {
		return err
	}
	return rq.render("complaints", "complaint.mine_title", "mayor", res)
}

type complaintData struct {
	complaintNames
	Complaint *petitionv1.Complaint
	Ratings   []view.Option
	Answered  bool
	Open      bool
}

func (a *App) complaint(rq *req) error {
	c, names, err := loadComplaint(rq)
	if err != nil {
		return err
	}
	d := complaintData{complaintNames: names, Complaint: c, Answered: len(c.GetAnswers()) > 0, Open: open(c)}
	for i := 5; i >= 1; i-- {
		d.Ratings = append(d.Ratings, view.Option{Value: strconv.Itoa(i), Label: rq.T("rating." + strconv.Itoa(i))})
	}
	return rq.renderTitled("complaint", rq.T("complaint.title", "receipt", c.GetReceiptNumber()), "mayor", d)
}

// open tells whether a complaint is still being processed.
func open(c *petitionv1.Complaint) bool {
	s := c.GetStatus()
	return s == petitionv1.ComplaintStatus_COMPLAINT_STATUS_RECEIVED || s == petitionv1.ComplaintStatus_COMPLAINT_STATUS_ASSIGNED
}

func (a *App) rateComplaint(rq *req) error {
	id := rq.r.PathValue("id")
	f := rq.r.PostForm
	n, _ := strconv.Atoi(f.Get("satisfaction"))
	_, err := rq.api.RateComplaint(rq.ctx(), &petitionv1.RateComplaintRequest{ComplaintId: id, Satisfaction: int32(n),
		Comment: f.Get("comment"), Etag: f.Get("etag")})
	if _, ok := rq.refused("rate", err); ok {
		return a.complaint(rq)
	}
	if err != nil {
		return err
	}
	return rq.redirect("/complaints/"+id, rq.T("rating.thanks"))
}

func (a *App) askProgress(rq *req) error {
	id := rq.r.PathValue("id")
	if _, err := rq.api.RequestProgress(rq.ctx(), &petitionv1.RequestProgressRequest{ComplaintId: id}); err != nil {
		if _, ok := rq.refused("progress", err); ok {
			return a.complaint(rq)
		}
		return err
	}
	return rq.redirect("/complaints/"+id, rq.T("complaint.progress_asked"))
}

func (a *App) askMore(rq *req) error {
	id := rq.r.PathValue("id")
	_, err := rq.api.RequestAdditionalAnswer(rq.ctx(), &petitionv1.RequestAdditionalAnswerRequest{ComplaintId: id,
		Reason: rq.r.PostForm.Get("reason"), Etag: rq.r.PostForm.Get("etag")})
	if _, ok := rq.refused("more", err); ok {
		return a.complaint(rq)
	}
	if err != nil {
		return err
	}
	return rq.redirect("/complaints/"+id, rq.T("complaint.more_asked"))
}

// complaintNames are the words for a complaint's type and department codes.
type complaintNames struct {
	TypeName string
	DeptName string
}

// loadComplaint reads the complaint the path names, with the words for
// its codes.
func loadComplaint(rq *req) (*petitionv1.Complaint, complaintNames, error) {
	res, err := rq.api.GetComplaint(rq.ctx(), &petitionv1.GetComplaintRequest{ComplaintId: rq.r.PathValue("id")})
	if err != nil {
		return nil, complaintNames{}, err
	}
	names, err := namesOf(rq, res)
	return res, names, err
}

func namesOf(rq *req, c *petitionv1.Complaint) (complaintNames, error) {
	n := complaintNames{TypeName: c.GetComplaintType(), DeptName: c.GetDepartmentCode()}
	types, err := rq.api.ListComplaintTypes(rq.ctx())
	if err != nil {
		return n, err
	}
	for _, t := range types.GetComplaintTypes() {
		if t.GetCode() == c.GetComplaintType() {
			n.TypeName = typeName(rq, t)
		}
	}
	if c.GetDepartmentCode() == "" {
		return n, nil
	}
	deps, err := rq.api.ListDepartments(rq.ctx())
	if err != nil {
		return n, err
	}
	for _, d := range deps.GetDepartments() {
		if d.GetCode() == c.GetDepartmentCode() {
			n.DeptName = deptName(rq, d)
		}
	}
	return n, nil
}
