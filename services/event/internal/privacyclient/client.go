// Package privacyclient adapts the privacy service (the only holder of
// personal data, A10) to the event service's app.Privacy port. Calls carry
// the end user's bearer token (grpcclient forwards it), so the privacy
// service decides and audits as for that user.
package privacyclient

import (
	"context"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/grpcclient"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// Purpose of collecting an entrant's contact.
const Purpose = "prize_delivery"

// Client implements app.Privacy.
type Client struct {
	api privacyv1.PrivacyServiceClient
}

// New returns a client over conn.
func New(conn grpc.ClientConnInterface) *Client {
	return &Client{api: privacyv1.NewPrivacyServiceClient(conn)}
}

// StoreContact stores name and phone and returns their tokens.
func (c *Client) StoreContact(ctx context.Context, subjectID string, ct domain.Contact) (domain.ContactTokens, error) {
	resp, err := c.api.StorePersonalData(ctx, &privacyv1.StorePersonalDataRequest{
		SubjectId: subjectID, Purpose: Purpose,
		Fields: []*privacyv1.PersonalField{{Name: "name", Value: ct.Name}, {Name: "phone", Value: ct.Phone}},
	})
	if err != nil {
		return domain.ContactTokens{}, classify(err, "contact")
	}
	var out domain.ContactTokens
	for _, t := range resp.GetTokens() {
		switch t.GetField() {
		case "name":
			out.Name = t.GetToken()
		case "phone":
			out.Phone = t.GetToken()
		}
	}
	if out.Name == "" || out.Phone == "" {
		return out, errs.E(errs.KindInternal, "INTERNAL")
	}
	return out, nil
}

// MaskedName returns the subject's masked name; NotFound once the subject
// was erased.
func (c *Client) MaskedName(ctx context.Context, subjectID string) (string, error) {
	resp, err := c.api.GetMaskedData(ctx, &privacyv1.GetMaskedDataRequest{SubjectId: subjectID, Fields: []string{"name"}})
	if status.Code(err) == codes.NotFound {
		// The subject's data was erased (A10.4): there is no name any more.
		return "", errs.Wrap(errs.KindNotFound, err, "NAME_ERASED")
	}
	if err != nil {
		return "", classify(err, "")
	}
	return resp.GetMasked()["name"], nil
}

// classify keeps the privacy service's verdict where the caller can act
// on it (bad contact data with its reasons and messages, not allowed) and
// reports the rest as the dependency being unavailable; the cause is only
// logged.
func classify(err error, field string) error {
	d := grpcclient.Downstream(err)
	switch d.Kind {
	case errs.KindInvalid:
		if field != "" && len(d.Violations) > 0 {
			return errs.Rename(d, contactField)
		}
	case errs.KindPermissionDenied:
		return d
	case errs.KindUnauthenticated:
		return errs.Wrap(errs.KindUnauthenticated, err, "PRIVACY_REFUSED_CALLER")
	}
	return errs.Wrap(errs.KindUnavailable, err, "PRIVACY_UNAVAILABLE")
}

// contactFields maps the privacy request's field positions to ours.
var contactFields = map[string]string{"fields[0].value": "contact.name", "fields[1].value": "contact.phone"}

// contactField restates a field of the privacy service's request in terms
// of this service's (contact.name, contact.phone).
func contactField(field string) string {
	if name, ok := contactFields[field]; ok {
		return name
	}
	return "contact"
}
