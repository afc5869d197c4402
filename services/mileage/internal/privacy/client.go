// Package privacy adapts the privacy service (A10) to the mileage
// service's PersonalData port: card and account numbers are stored there
// and only the returned token and masked view are kept here.
package privacy

import (
	"context"
	"errors"
	"fmt"
	"github.com/seoul-gov/homepage/platform/grpcclient"

	"google.golang.org/grpc"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/errs"
)

// Purpose is the purpose of collection stated to the privacy service.
const Purpose = "redemption"

// Client stores personal data through the privacy service's gRPC API.
// Calls carry the citizen's own bearer token (forwarded by grpcclient), so
// the privacy service decides and audits on their behalf.
type Client struct {
	api privacyv1.PrivacyServiceClient
}

// New returns a client over conn.
func New(conn grpc.ClientConnInterface) *Client {
	return &Client{api: privacyv1.NewPrivacyServiceClient(conn)}
}

// Store tokenizes one personal field of subject.
func (c *Client) Store(ctx context.Context, subject, field, value string) (string, string, error) {
	resp, err := c.api.StorePersonalData(ctx, &privacyv1.StorePersonalDataRequest{
		SubjectId: subject, Purpose: Purpose,
		Fields: []*privacyv1.PersonalField{{Name: field, Value: value}},
	})
	if err != nil {
		return "", "", classify(field, err)
	}
	for _, t := range resp.GetTokens() {
		if t.GetField() == field && t.GetToken() != "" {
			return t.GetToken(), t.GetMasked(), nil
		}
	}
	return "", "", fmt.Errorf("privacy service returned no token for %s", field)
}

// classify turns the privacy service's answer into our error kinds. The
// downstream status is not wrapped: the gRPC server would otherwise find
// it in the chain and send the privacy service's status (and our internal
// message) to our caller.
func classify(field string, err error) error {
	d := grpcclient.Downstream(err)
	switch d.Kind {
	case errs.KindInvalid:
		return errs.Rename(d, func(string) string { return field })
	case errs.KindPermissionDenied, errs.KindUnauthenticated:
		return errs.PermissionDenied("PRIVACY_STORE_REFUSED", "field", field)
	}
	return errs.Wrap(errs.KindUnavailable, errors.New(d.Error()), "PRIVACY_STORE_UNAVAILABLE", "field", field)
}
