package api

import (
	"context"
	"net/http"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
)

// Calls of the privacy service (A10): the policy, a citizen's own data,
// its access log and consents, erasure, and the privacy officer's
// disclosure register and log verification.

// GetCurrentPolicy is the privacy policy in force (A10.3).
func (k *Caller) GetCurrentPolicy(ctx context.Context) (*privacyv1.Policy, error) {
	out := new(privacyv1.Policy)
	return out, k.get(ctx, "/v1/privacy/policy", nil, out)
}

// GetMaskedData is what the city keeps about a subject, masked.
func (k *Caller) GetMaskedData(ctx context.Context, in *privacyv1.GetMaskedDataRequest) (*privacyv1.MaskedData, error) {
	out := new(privacyv1.MaskedData)
	return out, k.get(ctx, "/v1/privacy/subjects/"+seg(in.GetSubjectId())+"/masked", in, out, "subject_id")
}

// ListAccessLog is who read a subject's data and why.
func (k *Caller) ListAccessLogEntries(ctx context.Context, in *privacyv1.ListAccessLogEntriesRequest) (*privacyv1.ListAccessLogEntriesResponse, error) {
	out := new(privacyv1.ListAccessLogEntriesResponse)
	return out, k.get(ctx, "/v1/privacy/access-log", in, out)
}

// VerifyAccessLog checks the access log's hash chain (privacy officers).
func (k *Caller) VerifyAccessLog(ctx context.Context) (*privacyv1.VerifyAccessLogResponse, error) {
	out := new(privacyv1.VerifyAccessLogResponse)
	return out, k.get(ctx, "/v1/privacy/access-log/verification", nil, out)
}

// ListConsents lists a subject's consents.
func (k *Caller) ListConsents(ctx context.Context, in *privacyv1.ListConsentsRequest) (*privacyv1.ListConsentsResponse, error) {
	out := new(privacyv1.ListConsentsResponse)
	return out, k.get(ctx, "/v1/privacy/subjects/"+seg(in.GetSubjectId())+"/consents", in, out, "subject_id")
}

// GrantConsent consents to a purpose under the policy version in force.
func (k *Caller) GrantConsent(ctx context.Context, in *privacyv1.GrantConsentRequest) (*privacyv1.GrantConsentResponse, error) {
	out := new(privacyv1.GrantConsentResponse)
	return out, k.send(ctx, http.MethodPost, "/v1/privacy/subjects/"+seg(in.GetSubjectId())+"/consents", in, out)
}

// WithdrawConsent withdraws a consent.
func (k *Caller) WithdrawConsent(ctx context.Context, in *privacyv1.WithdrawConsentRequest) (*privacyv1.WithdrawConsentResponse, error) {
	out := new(privacyv1.WithdrawConsentResponse)
	path := "/v1/privacy/subjects/" + seg(in.GetSubjectId()) + "/consents/" + seg(in.GetPurpose()) + ":withdraw"
	return out, k.send(ctx, http.MethodPost, path, in, out)
}

// EraseSubject erases a subject's personal data.
func (k *Caller) EraseSubject(ctx context.Context, in *privacyv1.EraseSubjectRequest) (*privacyv1.EraseSubjectResponse, error) {
	out := new(privacyv1.EraseSubjectResponse)
	return out, k.send(ctx, http.MethodPost, "/v1/privacy/subjects/"+seg(in.GetSubjectId())+":erase", in, out)
}

// ListDisclosures is the disclosure register.
func (k *Caller) ListDisclosures(ctx context.Context, in *privacyv1.ListDisclosuresRequest) (*privacyv1.ListDisclosuresResponse, error) {
	out := new(privacyv1.ListDisclosuresResponse)
	return out, k.get(ctx, "/v1/privacy/disclosures", in, out)
}

// DecideDisclosure approves or rejects a disclosure (a privacy officer
// other than its recorder).
func (k *Caller) DecideDisclosure(ctx context.Context, in *privacyv1.DecideDisclosureRequest) (*privacyv1.DecideDisclosureResponse, error) {
	out := new(privacyv1.DecideDisclosureResponse)
	return out, k.send(ctx, http.MethodPost, "/v1/privacy/disclosures/"+seg(in.GetDisclosureId())+":decide", in, out)
}

// GetDisclosure reads one entry of the disclosure register.
func (k *Caller) GetDisclosure(ctx context.Context, in *privacyv1.GetDisclosureRequest) (*privacyv1.Disclosure, error) {
	out := new(privacyv1.Disclosure)
	return out, k.get(ctx, "/v1/privacy/disclosures/"+seg(in.GetDisclosureId()), in, out, "disclosure_id")
}
