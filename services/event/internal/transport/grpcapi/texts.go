package grpcapi

import (
	"context"

	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	typev1 "github.com/seoul-gov/homepage/gen/seoul/type/v1"
	"github.com/seoul-gov/homepage/platform/localized/wire"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// reader is the caller's language from its Accept-Language (RPCs without
// a language field).
func reader(ctx context.Context) string { return wire.ReaderLanguage(ctx, "") }

// textsOut serves the draft's public texts to a reader of lang (A2), the
// suite's one rule: current translation, else Korean marked.
func textsOut(d domain.Draft, lang string) *eventv1.ParticipationEventTexts {
	served := func(t domain.Text) *typev1.ServedText { return wire.Served(t.Text, lang) }
	out := &eventv1.ParticipationEventTexts{Title: served(d.Title), Description: served(d.Description),
		Eligibility: served(d.Eligibility.Description), DeliveryMethod: served(d.OperatingDetails.DeliveryMethod),
		Notes: served(d.OperatingDetails.Notes), Questions: map[string]*typev1.ServedText{},
		PrizeNames: map[string]*typev1.ServedText{}, DrawSourceNames: map[string]*typev1.ServedText{}}
	for _, q := range d.Questions {
		out.Questions[q.ID] = served(q.Text)
	}
	for _, p := range d.Prizes {
		out.PrizeNames[p.ID] = served(p.Name)
	}
	for _, s := range d.DrawSources {
		out.DrawSourceNames[s.ID] = served(s.Name)
	}
	return out
}
