package client

import (
	"context"
	"maps"
	"slices"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
)

// Field is one personal value to store: Name is a field the vault knows
// (name, phone, email, address, postal_code, birth_date,
// transit_card_number, account_number, emergency_phone).
type Field struct{ Name, Value string }

// Stored is a stored field's token and masked view.
type Stored struct{ Token, Masked string }

// StoreRequest stores a subject's fields for a purpose.
type StoreRequest struct {
	Subject string
	// Purpose of collection (complaint, prize_delivery, redemption).
	Purpose string
	// CaseReference is needed when someone other than the subject stores
	// (an official within a case of their department).
	CaseReference string
	Fields        []Field
	// Paths renames the vault's verdicts on bad values to the caller's
	// request fields (phone → contact.phone).
	Paths Paths
}

// Store validates, encrypts and stores the fields (storing a field again
// replaces its value and keeps its token) and returns field name → token
// and masked view.
func (c *Client) Store(ctx context.Context, r StoreRequest) (map[string]Stored, error) {
	req := &privacyv1.StorePersonalDataRequest{SubjectId: r.Subject, Purpose: r.Purpose, CaseReference: r.CaseReference}
	names := make([]string, len(r.Fields))
	for i, f := range r.Fields {
		req.Fields = append(req.Fields, &privacyv1.PersonalField{Name: f.Name, Value: f.Value})
		names[i] = f.Name
	}
	resp, err := c.api.StorePersonalData(ctx, req)
	if err != nil {
		return nil, classify(err, r.Paths, names)
	}
	out := make(map[string]Stored, len(names))
	for _, t := range resp.GetTokens() {
		out[t.GetField()] = Stored{Token: t.GetToken(), Masked: t.GetMasked()}
	}
	for _, n := range names {
		if out[n].Token == "" {
			return nil, missing("a token for " + n)
		}
	}
	return out, nil
}

// TextsRequest vaults the originals of free texts of their author.
type TextsRequest struct {
	Subject       string
	Purpose       string
	CaseReference string
	// Texts is document name (petition/complaint/<id>/body) → original.
	Texts map[string]string
	// Paths renames verdicts on a document's text to the caller's request
	// field (petition/complaint/<id>/body → body).
	Paths Paths
}

// StoreTexts vaults the originals (storing a document again replaces its
// text and keeps its token) and returns document → token.
func (c *Client) StoreTexts(ctx context.Context, r TextsRequest) (map[string]string, error) {
	req := &privacyv1.StorePersonalTextRequest{SubjectId: r.Subject, Purpose: r.Purpose, CaseReference: r.CaseReference}
	docs := slices.Sorted(maps.Keys(r.Texts))
	for _, d := range docs {
		req.Texts = append(req.Texts, &privacyv1.PersonalText{Document: d, Text: r.Texts[d]})
	}
	resp, err := c.api.StorePersonalText(ctx, req)
	if err != nil {
		return nil, classify(err, r.Paths, docs)
	}
	out := make(map[string]string, len(docs))
	for _, t := range resp.GetTokens() {
		out[t.GetDocument()] = t.GetToken()
	}
	for _, d := range docs {
		if out[d] == "" {
			return nil, missing("a token for " + d)
		}
	}
	return out, nil
}
