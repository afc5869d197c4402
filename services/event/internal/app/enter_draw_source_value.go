package app

import (
	"context"
	"unicode/utf8"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/event/drawproof"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// SourceState is where a draw source's value stands. Value is set only once
// two officials confirmed it, so nobody copies the first entry.
type SourceState struct {
	SourceID   string
	Confirmed  bool
	Value      string
	EntryCount int
}

// EnterDrawSourceValue records the calling official's entry of a draw
// source's public value after the close (officials of the department,
// admins; A7). Each entry is kept and published with the draw, and
// announced on seoul.event.draw.source_entered for the audit trail.
func (a *App) EnterDrawSourceValue(ctx context.Context, eventID, sourceID, value string) (SourceState, error) {
	var v errs.Violations
	v.Check(checkID("event_id", eventID) != nil, "event_id", "NOT_UUID")
	v.Check(sourceID == "", "source_id", "REQUIRED")
	v.Check(value == "" || utf8.RuneCountInString(value) > 1000, "value", "LENGTH", "min", 1, "max", 1000)
	if err := v.Err(); err != nil {
		return SourceState{}, err
	}
	_, c, err := a.managed(ctx, eventID)
	if err != nil {
		return SourceState{}, err
	}
	e, err := a.events.Update(ctx, eventID, func(e *domain.ParticipationEvent, _ Entrants) error {
		_, _, err := e.EnterSourceValue(sourceID, c.Subject, value, a.now())
		return err
	})
	if err != nil {
		return SourceState{}, err
	}
	return sourceState(e, sourceID), nil
}

func sourceState(e *domain.ParticipationEvent, sourceID string) SourceState {
	entries := e.SourceEntries(sourceID)
	value, ok := drawproof.Confirmed(entries)
	return SourceState{SourceID: sourceID, Confirmed: ok, Value: value, EntryCount: len(entries)}
}
