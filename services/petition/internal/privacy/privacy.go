// Package privacy is the petition service's client of the privacy service,
// the only holder of personal data (A10). Complainants' names and contacts,
// and the originals of complaint texts in which personal data was masked,
// are stored there under the purpose "complaint"; this service keeps the
// tokens and masked views it gets back. The caller's bearer token is
// forwarded (grpcclient), so the privacy service decides and audits.
package privacy

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"google.golang.org/grpc"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/grpcclient"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// Purpose is the purpose of collection for complaint contacts.
const Purpose = "complaint"

// Client implements app.Privacy over gRPC.
type Client struct {
	api privacyv1.PrivacyServiceClient
}

// New returns a client over conn.
func New(conn grpc.ClientConnInterface) *Client {
	return &Client{api: privacyv1.NewPrivacyServiceClient(conn)}
}

// StoreContact stores the given fields for subject and returns their
// tokens and masked views.
func (c *Client) StoreContact(ctx context.Context, subject string, contact domain.Contact) (domain.MaskedContact, error) {
	var fields []*privacyv1.PersonalField
	for _, f := range []struct{ name, value string }{{"name", contact.Name}, {"phone", contact.Phone}, {"email", contact.Email}} {
		if f.value != "" {
			fields = append(fields, &privacyv1.PersonalField{Name: f.name, Value: f.value})
		}
	}
	resp, err := c.api.StorePersonalData(ctx, &privacyv1.StorePersonalDataRequest{
		SubjectId: subject, Fields: fields, Purpose: Purpose,
	})
	if err != nil {
		return domain.MaskedContact{}, classify(err, func(field string) string {
			for i, f := range fields {
				if field == fmt.Sprintf("fields[%d].value", i) {
					return "contact." + f.GetName()
				}
			}
			return "contact"
		})
	}
	var m domain.MaskedContact
	for _, t := range resp.GetTokens() {
		switch t.GetField() {
		case "name":
			m.Name, m.NameToken = t.GetMasked(), t.GetToken()
		case "phone":
			m.Phone, m.PhoneToken = t.GetMasked(), t.GetToken()
		case "email":
			m.Email, m.EmailToken = t.GetMasked(), t.GetToken()
		}
	}
	return m, nil
}

// StoreTexts vaults the originals of texts in which personal data was
// masked (document → text) and returns document → token.
func (c *Client) StoreTexts(ctx context.Context, subject, caseRef string, docs map[string]string) (map[string]string, error) {
	req := &privacyv1.StorePersonalTextRequest{SubjectId: subject, Purpose: Purpose, CaseReference: caseRef}
	for _, d := range slices.Sorted(maps.Keys(docs)) {
		req.Texts = append(req.Texts, &privacyv1.PersonalText{Document: d, Text: docs[d]})
	}
	resp, err := c.api.StorePersonalText(ctx, req)
	if err != nil {
		return nil, classify(err, func(field string) string {
			for i, t := range req.Texts {
				if strings.HasPrefix(field, fmt.Sprintf("texts[%d].", i)) {
					return t.GetDocument()
				}
			}
			return field
		})
	}
	out := make(map[string]string, len(docs))
	for _, t := range resp.GetTokens() {
		out[t.GetDocument()] = t.GetToken()
	}
	return out, nil
}

// classify keeps the privacy service's verdicts visible to our caller,
// with their reasons and messages: a bad phone number is still the
// caller's bad input, named as a field of our request (contact.phone) by
// field. Transport failures are Unavailable.
func classify(err error, field func(string) string) error {
	d := grpcclient.Downstream(err)
	switch d.Kind {
	case errs.KindInvalid:
		return errs.Rename(d, field)
	case errs.KindPermissionDenied, errs.KindFailedPrecondition:
		return errs.Wrap(errs.KindFailedPrecondition, err, "CONTACT_REFUSED")
	case errs.KindUnauthenticated:
		return errs.Wrap(errs.KindUnauthenticated, err, "SIGN_IN_AGAIN")
	case errs.KindUnavailable, errs.KindDeadlineExceeded:
		return errs.Wrap(errs.KindUnavailable, err, "PRIVACY_UNAVAILABLE")
	}
	return errs.Wrap(errs.KindInternal, err, "INTERNAL")
}
