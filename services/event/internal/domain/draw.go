package domain

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/event/drawproof"
)

// MaxDrawSources bounds the randomness sources of one draw.
const MaxDrawSources = 5

// DrawSourceKind is a kind of public randomness source (drawproof).
type DrawSourceKind string

const (
	SourceLottery DrawSourceKind = drawproof.SourceLottery
	SourceBeacon  DrawSourceKind = drawproof.SourceBeacon
)

// DrawSource is a public source of a value nobody knows when entries close
// and nobody controls, fixed by the announcement (A7): a public lottery
// draw or a public randomness beacon round, available only after the entry
// period. Officials enter its value after the close.
type DrawSource struct {
	ID             string         `json:"id"`
	Kind           DrawSourceKind `json:"kind"`
	Name           Text           `json:"name"`
	Reference      string         `json:"reference"`
	Round          string         `json:"round"`
	AvailableAfter time.Time      `json:"available_after"`
}

// SourceValueEntry is one official's entry of a source's value. Official
// is the official's pseudonym in this participation event (published);
// EnteredBy their subject id (kept for the audit, never published).
type SourceValueEntry struct {
	SourceID  string
	Official  string
	EnteredBy string
	Value     string
	EnteredAt time.Time
}

func checkDrawSources(v *errs.Violations, field string, d Draft) {
	v.Check(len(d.DrawSources) > MaxDrawSources, field, "TOO_MANY", "max", MaxDrawSources)
	seen := map[string]bool{}
	for i, s := range d.DrawSources {
		f := fmt.Sprintf("%s[%d]", field, i)
		v.Check(!idPattern.MatchString(s.ID), f+".id", "SHORT_ID")
		v.Check(seen[s.ID], f+".id", "DUPLICATE")
		seen[s.ID] = true
		v.Check(s.Kind != SourceLottery && s.Kind != SourceBeacon, f+".kind", "NOT_ONE_OF",
			"allowed", "DRAW_SOURCE_KIND_LOTTERY, DRAW_SOURCE_KIND_BEACON")
		checkText(v, f+".name", s.Name, true, MaxTitle)
		u, err := url.Parse(s.Reference)
		v.Check(err != nil || u.Scheme != "https" || u.Host == "" || len(s.Reference) > MaxTitle, f+".reference", "URL")
		v.Check(strings.TrimSpace(s.Round) == "" || utf8.RuneCountInString(s.Round) > 100, f+".round", "LENGTH", "min", 1, "max", 100)
		CheckPlain(v, f+".round", s.Round)
		v.Check(s.AvailableAfter.IsZero(), f+".available_time", "REQUIRED")
		if !s.AvailableAfter.IsZero() && !d.EntryEndsAt.IsZero() {
			v.Check(s.AvailableAfter.Before(d.EntryEndsAt), f+".available_time", "NOT_BEFORE_OTHER", "other", "entry_end_time")
		}
	}
}

// Source returns the announced draw source with id.
func (e *ParticipationEvent) Source(id string) (DrawSource, bool) {
	for _, s := range e.Draft.DrawSources {
		if s.ID == id {
			return s, true
		}
	}
	return DrawSource{}, false
}

// Pseudonym stands for a subject in one participation event: HMAC-SHA256
// with the event's secret pseudonym key, so the published draw shows one
// entry per entrant and which official entered what without naming them.
// role separates entrants from officials.
func (e *ParticipationEvent) Pseudonym(role, subject string) string {
	m := hmac.New(sha256.New, e.PseudonymKey)
	m.Write([]byte(role + "\n" + subject))
	return hex.EncodeToString(m.Sum(nil))[:32]
}

// EnterSourceValue records an official's entry of a source's value after
// the close (A7). An official enters each source once; repeating the same
// value changes nothing (added is false).
func (e *ParticipationEvent) EnterSourceValue(sourceID, official, value string, now time.Time) (entry SourceValueEntry, added bool, err error) {
	s, ok := e.Source(sourceID)
	if !ok {
		return entry, false, errs.NotFound("DRAW_SOURCE_NOT_FOUND", "id", sourceID)
	}
	canon, cerr := drawproof.CanonicalValue(string(s.Kind), value)
	if cerr != nil {
		return entry, false, errs.Invalid("value", "DRAW_SOURCE_VALUE", "kind", s.Kind)
	}
	if e.Status != StatusClosed {
		return entry, false, errs.FailedPrecondition("DRAW_SOURCE_AFTER_CLOSE", "status", e.Status)
	}
	if now.Before(s.AvailableAfter) {
		return entry, false, errs.FailedPrecondition("DRAW_SOURCE_NOT_YET", "available_after", s.AvailableAfter.Format(time.RFC3339))
	}
	pseudonym := e.Pseudonym("official", official)
	for _, prev := range e.SourceValues {
		if prev.SourceID == sourceID && prev.Official == pseudonym {
			if prev.Value == canon {
				return prev, false, nil
			}
			return entry, false, errs.FailedPrecondition("DRAW_SOURCE_ENTERED", "id", sourceID)
		}
	}
	entry = SourceValueEntry{SourceID: sourceID, Official: pseudonym, EnteredBy: official, Value: canon, EnteredAt: now}
	e.SourceValues = append(e.SourceValues, entry)
	_, confirmed := drawproof.Confirmed(e.SourceEntries(sourceID))
	e.record(DrawSourceValueEntered{EventID: e.ID, SourceID: sourceID, Confirmed: confirmed, At: now})
	return entry, true, nil
}

// SourceEntries returns the entries of one source, as drawproof sees them.
func (e *ParticipationEvent) SourceEntries(sourceID string) []drawproof.ValueEntry {
	var out []drawproof.ValueEntry
	for _, v := range e.SourceValues {
		if v.SourceID == sourceID {
			out = append(out, drawproof.ValueEntry{Official: v.Official, Value: v.Value, EnteredAt: v.EnteredAt})
		}
	}
	return out
}

// DrawKey is the key the entries are ranked with: the seed for a v1 draw;
// for v2 the seed mixed with every announced source's confirmed value, so
// the draw waits until two officials agree on each.
func (e *ParticipationEvent) DrawKey() ([]byte, error) {
	if e.DrawAlgorithm != drawproof.AlgorithmV2 {
		return e.Seed, nil
	}
	values := make([]drawproof.SourceValue, len(e.Draft.DrawSources))
	for i, s := range e.Draft.DrawSources {
		v, ok := drawproof.Confirmed(e.SourceEntries(s.ID))
		if !ok {
			return nil, errs.FailedPrecondition("DRAW_SOURCE_PENDING", "id", s.ID)
		}
		values[i] = drawproof.SourceValue{ID: s.ID, Value: v}
	}
	return drawproof.Key(e.Seed, values), nil
}
