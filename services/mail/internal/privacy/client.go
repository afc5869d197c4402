// Package privacy reveals recipients' addresses from the privacy vault
// (A10) at send time, for the purpose "notification", as the mail
// service's own machine client: the vault decides and logs every reveal,
// and the address lives only in memory for the one SMTP transaction.
package privacy

import (
	"context"
	"errors"
	"os"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/grpcclient"
)

// Purpose is the purpose of use stated to the vault.
const Purpose = "notification"

// Client implements app.Addresses.
type Client struct {
	api   privacyv1.PrivacyServiceClient
	token func() (string, error)
}

// New returns a client over conn whose calls carry the machine token
// that token returns.
func New(conn grpc.ClientConnInterface, token func() (string, error)) *Client {
	return &Client{api: privacyv1.NewPrivacyServiceClient(conn), token: token}
}

// TokenFile reads the machine client's bearer token from path on every
// call, so a token refreshed on disk (a projected service-account token,
// the launcher's) is picked up without a restart.
func TokenFile(path string) func() (string, error) {
	return func() (string, error) {
		b, err := os.ReadFile(path)
		if err != nil {
			return "", err
		}
		tok := strings.TrimSpace(string(b))
		if tok == "" {
			return "", errors.New("mail client token file is empty")
		}
		return tok, nil
	}
}

// ContactEmail reveals the subject's e-mail address; "" when the vault
// holds none (or has erased the subject).
func (c *Client) ContactEmail(ctx context.Context, subject string) (string, error) {
	tok, err := c.token()
	if err != nil {
		return "", err
	}
	ctx = grpcclient.WithToken(ctx, tok)
	masked, err := c.api.GetMaskedData(ctx, &privacyv1.GetMaskedDataRequest{SubjectId: subject, Fields: []string{"email"}})
	if status.Code(err) == codes.NotFound {
		return "", nil
	}
	if err != nil {
		return "", errors.New("privacy service: " + status.Convert(err).Message())
	}
	token := masked.GetTokens()["email"]
	if token == "" {
		return "", nil
	}
	resp, err := c.api.RevealPersonalData(ctx, &privacyv1.RevealPersonalDataRequest{Tokens: []string{token}, Purpose: Purpose})
	if status.Code(err) == codes.NotFound {
		return "", nil
	}
	if err != nil {
		return "", errors.New("privacy service: " + status.Convert(err).Message())
	}
	for _, v := range resp.GetValues() {
		if v.GetField() == "email" && v.GetSubjectId() == subject {
			return v.GetValue(), nil
		}
	}
	return "", nil
}
