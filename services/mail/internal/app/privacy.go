package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
)

// Purpose is the purpose of use stated to the vault when a contact
// address is revealed.
const Purpose = "notification"

// contactEmail reveals the subject's e-mail address from the vault at send
// time (A10): the vault decides and logs the reveal, and the address lives
// only in memory for the one SMTP transaction. It is "" when there is no
// vault or the vault holds no address (or erased the subject); an error
// is temporary and the delivery retries.
func (a *App) contactEmail(ctx context.Context, subject string) (string, error) {
	if a.privacy == nil {
		return "", nil
	}
	masked, err := a.privacy.Masked(ctx, subject, "email")
	if errs.Is(err, errs.KindNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	token := masked["email"].Token
	if token == "" {
		return "", nil
	}
	values, err := a.privacy.Reveal(ctx, Purpose, "", token)
	if errs.Is(err, errs.KindNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	for _, v := range values {
		if v.Field == "email" && v.Subject == subject {
			return v.Value, nil
		}
	}
	return "", nil
}
