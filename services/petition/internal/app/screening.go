package app

import (
	"context"
	"maps"
	"slices"

	"github.com/seoul-gov/homepage/platform/personaldata"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
	"github.com/seoul-gov/homepage/services/privacy/client"
)

// Free text is screened by the suite's one detector (platform/personaldata)
// before anything is stored (A10.1). A complaint's title, body and address
// are needed in the original by the official handling it, so their
// originals go to the privacy vault under the complainant's key (A10.4);
// every other text — notes, reasons, answers, comments — is kept masked
// only. See the README's table of free-text fields.

// text is one free-text field of a submission, masked in place.
type text struct {
	field string
	value *string
}

// screen masks texts in place and returns the kinds found and the
// originals of the texts that changed (field → original). known are the
// names the complainant gave beside the texts, masked wherever they occur.
func screen(known []string, texts ...text) ([]string, map[string]string) {
	s := personaldata.Screening{Known: known}
	originals := map[string]string{}
	for _, t := range texts {
		masked := s.Mask(*t.value)
		if masked != *t.value {
			originals[t.field] = *t.value
			*t.value = masked
		}
	}
	return personaldata.Names(s.Kinds()), originals
}

// vault stores originals in the privacy service as their author (the
// caller's token is forwarded), one document per field named
// petition/<kind>/<id>/<field> and bound to case id, and returns their
// tokens. Nothing is stored when nothing was masked.
func (s *App) vault(ctx context.Context, subject, kind, id string, originals map[string]string) ([]domain.Original, error) {
	if len(originals) == 0 {
		return nil, nil
	}
	docs, paths := map[string]string{}, client.Paths{}
	for field, text := range originals {
		docs[document(kind, id, field)] = text
		paths[document(kind, id, field)] = field
	}
	tokens, err := s.privacy.StoreTexts(ctx, client.TextsRequest{Subject: subject, Purpose: Purpose,
		CaseReference: id, Texts: docs, Paths: paths})
	if err != nil {
		return nil, err
	}
	out := make([]domain.Original, 0, len(originals))
	for _, field := range slices.Sorted(maps.Keys(originals)) {
		out = append(out, domain.Original{Field: field, Token: tokens[document(kind, id, field)]})
	}
	return out, nil
}

func document(kind, id, field string) string { return "petition/" + kind + "/" + id + "/" + field }

// mask is how texts whose original no work needs are kept.
func mask(s string) string { return personaldata.Mask(s).Text }
