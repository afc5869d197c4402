package site

import (
	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/web/internal/view"
)

// The privacy officer's pages (A10.2): the disclosure register with its
// approvals, and verification of the access log's hash chain.

var officers = []string{roleOfficer}

type officerData struct {
	Disclosures []*privacyv1.Disclosure
	Next        string
	Check       *privacyv1.VerifyAccessLogResponse
	Log         []*privacyv1.AccessLogEntry
}

func (a *App) officer(rq *req) error {
	res, err := rq.api.ListDisclosures(rq.ctx(), &privacyv1.ListDisclosuresRequest{PageSize: 50,
		PageToken: rq.r.URL.Query().Get("page_token")})
	if err != nil {
		return err
	}
	log, err := rq.api.ListAccessLogEntries(rq.ctx(), &privacyv1.ListAccessLogEntriesRequest{PageSize: 20})
	if err != nil {
		return err
	}
	return rq.render("staff_privacy", "officer.title", "staff", officerData{Disclosures: res.GetDisclosures(),
		Next: res.GetNextPageToken(), Log: log.GetAccessLogEntries()})
}

// verifyLog recomputes the access log's hash chain on the privacy service.
func (a *App) verifyLog(rq *req) error {
	check, err := rq.api.VerifyAccessLog(rq.ctx())
	if err != nil {
		return err
	}
	return rq.render("staff_verify", "officer.verify_title", "staff", check)
}

type disclosureData struct {
	Disclosure *privacyv1.Disclosure
	Choices    []view.Option
}

func (a *App) disclosure(rq *req) error {
	res, err := rq.api.GetDisclosure(rq.ctx(), &privacyv1.GetDisclosureRequest{DisclosureId: rq.r.PathValue("id")})
	if err != nil {
		return err
	}
	d := disclosureData{Disclosure: res, Choices: []view.Option{{Value: "approve", Label: rq.T("disclosure.approve")},
		{Value: "reject", Label: rq.T("disclosure.reject")}}}
	return rq.render("staff_disclosure", "disclosure.title", "staff", d)
}

// decideDisclosure approves or rejects; the privacy service refuses the
// officer who recorded the request (four eyes).
func (a *App) decideDisclosure(rq *req) error {
	f := rq.r.PostForm
	if c := f.Get("decision"); c != "approve" && c != "reject" {
		rq.rejectField("disclosure", "decision", "disclosure.choose")
		return a.disclosure(rq)
	}
	_, err := rq.api.DecideDisclosure(rq.ctx(), &privacyv1.DecideDisclosureRequest{DisclosureId: rq.r.PathValue("id"),
		Approve: f.Get("decision") == "approve", Reason: f.Get("reason")})
	if _, ok := rq.refused("disclosure", err); ok {
		return a.disclosure(rq)
	}
	if err != nil {
		return err
	}
	return rq.redirect("/staff/privacy", rq.T("disclosure.decided"))
}
