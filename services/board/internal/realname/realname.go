// Package realname asks the privacy service for the masked real name of an
// author (A5.7). The board service never sees or keeps the plaintext: the
// privacy service masks it, and the call carries the author's own bearer
// token (forwarded by grpcclient) so privacy can authorise and audit it.
package realname

import (
	"context"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/errs"
)

// Client implements app.Names over the privacy service.
type Client struct {
	privacy privacyv1.PrivacyServiceClient
}

// New returns a client over a connection to the privacy service.
func New(conn grpc.ClientConnInterface) *Client {
	return &Client{privacy: privacyv1.NewPrivacyServiceClient(conn)}
}

// notOnFile is the reason a citizen is given when privacy holds no name.
const notOnFile = "REAL_NAME_NOT_ON_FILE"

// MaskedName returns the masked real name of subject, FailedPrecondition
// when none is on file.
func (c *Client) MaskedName(ctx context.Context, subject string) (string, error) {
	resp, err := c.privacy.GetMaskedData(ctx, &privacyv1.GetMaskedDataRequest{SubjectId: subject, Fields: []string{"name"}})
	switch status.Code(err) {
	case codes.OK:
	case codes.NotFound:
		return "", errs.FailedPrecondition(notOnFile)
	case codes.PermissionDenied, codes.Unauthenticated:
		return "", errs.Wrap(errs.KindFailedPrecondition, err, "REAL_NAME_REFUSED")
	default:
		return "", errs.Wrap(errs.KindUnavailable, err, "PRIVACY_UNAVAILABLE")
	}
	name := resp.GetMasked()["name"]
	if name == "" {
		return "", errs.FailedPrecondition(notOnFile)
	}
	return name, nil
}
