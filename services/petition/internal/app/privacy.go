package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/petition/internal/domain"
	"github.com/seoul-gov/homepage/services/privacy/client"
)

// Purpose is the purpose of collection under which complainants' contacts
// and the originals of their texts are vaulted.
const Purpose = "complaint"

// contactPaths names the contact's fields of our requests, so the privacy
// service's verdict on a bad phone number names contact.phone.
var contactPaths = client.Paths{"name": "contact.name", "phone": "contact.phone", "email": "contact.email"}

// storeContact vaults the contact given (the caller's token is forwarded)
// and returns its tokens and masked views; a complaint by e-mail may come
// with none (its complainant is reached through their mail ID).
func (s *App) storeContact(ctx context.Context, subject string, c domain.Contact) (domain.MaskedContact, error) {
	if c.Empty() {
		return domain.MaskedContact{}, nil
	}
	var fields []client.Field
	for _, f := range []client.Field{{Name: "name", Value: c.Name}, {Name: "phone", Value: c.Phone}, {Name: "email", Value: c.Email}} {
		if f.Value != "" {
			fields = append(fields, f)
		}
	}
	stored, err := s.privacy.Store(ctx, client.StoreRequest{Subject: subject, Purpose: Purpose, Fields: fields, Paths: contactPaths})
	if err != nil {
		return domain.MaskedContact{}, err
	}
	return domain.MaskedContact{
		Name: stored["name"].Masked, NameToken: stored["name"].Token,
		Phone: stored["phone"].Masked, PhoneToken: stored["phone"].Token,
		Email: stored["email"].Masked, EmailToken: stored["email"].Token,
	}, nil
}
