package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/event/internal/domain"
	"github.com/seoul-gov/homepage/services/privacy/client"
)

// Purpose is the purpose of collection under which an entrant's contact is
// vaulted: delivering a prize.
const Purpose = "prize_delivery"

// contactPaths names the contact's fields of our request, so the privacy
// service's verdict on a bad phone number names contact.phone.
var contactPaths = client.Paths{"name": "contact.name", "phone": "contact.phone"}

// storeContact vaults the entrant's name and phone (the citizen's token is
// forwarded, so the privacy service decides and audits as for them) and
// returns their tokens.
func (a *App) storeContact(ctx context.Context, subject string, c domain.Contact) (domain.ContactTokens, error) {
	stored, err := a.privacy.Store(ctx, client.StoreRequest{Subject: subject, Purpose: Purpose, Paths: contactPaths,
		Fields: []client.Field{{Name: "name", Value: c.Name}, {Name: "phone", Value: c.Phone}}})
	if err != nil {
		return domain.ContactTokens{}, err
	}
	return domain.ContactTokens{Name: stored["name"].Token, Phone: stored["phone"].Token}, nil
}
