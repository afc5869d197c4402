// Package privacy is the petition service's client of the privacy service,
// the only holder of personal data (A10). Complainants' names and contacts,
// and the originals of complaint texts in which personal data was masked,
// are stored there under the purpose "complaint"; this service keeps the
// tokens and masked views it gets back. The caller's bearer token is
// forwarded (grpcclient), so the privacy service decides and audits.
package privacy

import (
	"context"
	"maps"
	"slices"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/errs"
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
		return domain.MaskedContact{}, classify(err)
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
		return nil, classify(err)
	}
	out := make(map[string]string, len(docs))
	for _, t := range resp.GetTokens() {
		out[t.GetDocument()] = t.GetToken()
	}
	return out, nil
}

// classify keeps the privacy service's verdicts visible to our caller (a
// bad phone number is still the caller's bad input, under contact.*) and
// turns transport failures into Unavailable.
func classify(err error) error {
	st, _ := status.FromError(err)
	switch st.Code() {
	case codes.InvalidArgument:
		e := errs.Invalid("contact", "rejected by the privacy service: "+st.Message())
		e.Cause = err
		return e
	case codes.PermissionDenied, codes.FailedPrecondition:
		return errs.Wrap(errs.KindFailedPrecondition, err, "the privacy service refused to store the contact: "+st.Message())
	case codes.Unauthenticated:
		return errs.Wrap(errs.KindUnauthenticated, err, "sign in again")
	case codes.Unavailable, codes.DeadlineExceeded:
		return errs.Wrap(errs.KindUnavailable, err, "the privacy service is unavailable; try again")
	}
	return errs.Wrap(errs.KindInternal, err, "storing the contact failed")
}
