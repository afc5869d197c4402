package site

import (
	"maps"
	"net/http"
	"slices"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/web/internal/api"
	"github.com/seoul-gov/homepage/web/internal/view"
)

// My data (A10): what the city keeps about the visitor (masked), who read
// it and why, consents, and erasure.

// offeredPurposes are the purposes a citizen may consent to here; the
// privacy service takes any purpose name, and has no list of them.
var offeredPurposes = []string{"event_newsletter"}

type field struct{ Name, Masked string }

type myData struct {
	Fields   []field
	Consents []*privacyv1.Consent
	Log      []*privacyv1.AccessLogEntry
	Next     string
	Purposes []view.Option
	Policy   *privacyv1.Policy
}

func (a *App) myData(rq *req) error {
	subject := rq.user().Subject
	masked, err := rq.api.GetMaskedData(rq.ctx(), &privacyv1.GetMaskedDataRequest{SubjectId: subject})
	if err != nil && api.StatusOf(err) != http.StatusNotFound { // not found: nothing kept, or erased
		return err
	}
	consents, err := rq.api.ListConsents(rq.ctx(), &privacyv1.ListConsentsRequest{SubjectId: subject})
	if err != nil {
		return err
	}
	log, err := rq.api.ListAccessLogEntries(rq.ctx(), &privacyv1.ListAccessLogEntriesRequest{SubjectId: subject, PageSize: pageSize,
		PageToken: rq.r.URL.Query().Get("page_token")})
	if err != nil {
		return err
	}
	policy, err := rq.api.GetCurrentPolicy(rq.ctx())
	if err != nil {
		return err
	}
	d := myData{Consents: consents.GetConsents(), Log: log.GetAccessLogEntries(), Next: log.GetNextPageToken(), Policy: policy}
	for _, name := range slices.Sorted(maps.Keys(masked.GetMasked())) {
		d.Fields = append(d.Fields, field{Name: name, Masked: masked.GetMasked()[name]})
	}
	for _, p := range offeredPurposes {
		d.Purposes = append(d.Purposes, view.Option{Value: p, Label: rq.T("purpose." + p)})
	}
	return rq.render("mydata", "my.title", "my", d)
}

func (a *App) grantConsent(rq *req) error {
	f := rq.r.PostForm
	_, err := rq.api.GrantConsent(rq.ctx(), &privacyv1.GrantConsentRequest{SubjectId: rq.user().Subject,
		Purpose: f.Get("purpose"), PolicyVersion: f.Get("policy_version")})
	if _, ok := rq.refused("consent", err); ok {
		return a.myData(rq)
	}
	if err != nil {
		return err
	}
	return rq.redirect("/my#consents", rq.T("consent.granted"))
}

func (a *App) withdrawConsent(rq *req) error {
	_, err := rq.api.WithdrawConsent(rq.ctx(), &privacyv1.WithdrawConsentRequest{SubjectId: rq.user().Subject,
		Purpose: rq.r.PathValue("purpose")})
	if err != nil {
		return err
	}
	return rq.redirect("/my#consents", rq.T("consent.withdrawn"))
}

// erase crypto-shreds the visitor's personal data once they confirmed it.
func (a *App) erase(rq *req) error {
	if rq.r.PostForm.Get("confirm") != "on" {
		rq.rejectField("erase", "confirm", "erase.confirm_needed")
		return a.myData(rq)
	}
	_, err := rq.api.EraseSubject(rq.ctx(), &privacyv1.EraseSubjectRequest{SubjectId: rq.user().Subject})
	if _, ok := rq.refused("erase", err); ok {
		return a.myData(rq)
	}
	if err != nil {
		return err
	}
	return rq.redirect("/my", rq.T("erase.done"))
}

func (a *App) privacyPolicy(rq *req) error {
	res, err := rq.api.GetCurrentPolicy(rq.ctx())
	if err != nil {
		return err
	}
	return rq.render("policy", "policy.title", "", res)
}

func (a *App) mailTerms(rq *req) error {
	res, err := rq.api.GetCurrentTerms(rq.ctx())
	if err != nil {
		return err
	}
	return rq.render("terms", "terms.title", "", res)
}
