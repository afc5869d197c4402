package api

import (
	"context"

	mailv1 "github.com/seoul-gov/homepage/gen/seoul/mail/v1"
)

// Calls of the mail service (A9): the terms of the e-mail service.

// GetCurrentTerms is the terms in force (A9.3).
func (k *Caller) GetCurrentTerms(ctx context.Context) (*mailv1.Terms, error) {
	out := new(mailv1.Terms)
	return out, k.get(ctx, "/v1/mail/terms", nil, out)
}
