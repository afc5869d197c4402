// Package petition files the complaints citizens send by e-mail (A9.1)
// with the petition service, as the machine client "mail" on behalf of the
// citizen who sent them: the call carries the mail service's own token and
// names the citizen in x-on-behalf-of, which the petition service (and the
// privacy service it vaults the texts with) honours only because the
// client registry lets "mail" do so for SubmitComplaint.
package petition

import (
	"context"

	"google.golang.org/grpc"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/grpcclient"
	"github.com/seoul-gov/homepage/services/mail/internal/app"
)

// Client implements app.Complaints.
type Client struct {
	api   petitionv1.PetitionServiceClient
	token func() (string, error)
}

// New returns a client over conn whose calls carry the machine token that
// token returns.
func New(conn grpc.ClientConnInterface, token func() (string, error)) *Client {
	return &Client{api: petitionv1.NewPetitionServiceClient(conn), token: token}
}

// FileByMail files c on behalf of c.Subject and returns the receipt number.
func (c *Client) FileByMail(ctx context.Context, in app.ComplaintByMail) (string, error) {
	tok, err := c.token()
	if err != nil {
		return "", errs.Wrap(errs.KindUnavailable, err, "PETITION_UNAVAILABLE")
	}
	ctx = grpcclient.OnBehalfOf(grpcclient.WithToken(ctx, tok), in.Subject)
	req := &petitionv1.SubmitComplaintRequest{RequestId: in.RequestID, ComplaintType: in.Type, Title: in.Title,
		Body: in.Body, ByMail: &petitionv1.MailSubmission{MailId: in.MailID}}
	if in.Name != "" {
		req.Contact = &petitionv1.Contact{Name: in.Name}
	}
	resp, err := c.api.SubmitComplaint(ctx, req)
	if err != nil {
		return "", classify(err)
	}
	return resp.GetComplaint().GetReceiptNumber(), nil
}

// classify keeps the petition service's verdicts (bad input with its
// field violations, refusals) as they are, for the SMTP reply, and makes
// the rest either retryable (Unavailable) or internal.
func classify(err error) error {
	d := grpcclient.Downstream(err)
	switch d.Kind {
	case errs.KindInvalid, errs.KindNotFound, errs.KindPermissionDenied, errs.KindUnauthenticated, errs.KindFailedPrecondition:
		return d
	case errs.KindUnavailable, errs.KindDeadlineExceeded, errs.KindResourceExhausted:
		return errs.Wrap(errs.KindUnavailable, err, "PETITION_UNAVAILABLE")
	}
	return errs.Wrap(errs.KindInternal, err, "INTERNAL")
}
