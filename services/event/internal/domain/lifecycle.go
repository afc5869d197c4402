package domain

import (
	"encoding/hex"
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/event/drawproof"
)

// Announce publishes the prize plan and operating details before the entry
// period starts (A7.3), freezes them and commits to the draw: the seed's
// commitment and the public randomness sources (at least one, A7), both in
// the canonical announcement document (AnnouncementDocument). secrets are
// the seed and the pseudonym key, SeedSize bytes each.
func (e *ParticipationEvent) Announce(now time.Time, seed, pseudonymKey []byte) error {
	if e.Status != StatusDraft {
		return errs.FailedPrecondition("ALREADY_ANNOUNCED")
	}
	if !now.Before(e.Draft.EntryStartsAt) {
		return errs.FailedPrecondition("ANNOUNCE_BEFORE_PERIOD", "starts_at", e.Draft.EntryStartsAt.UTC().Format(time.RFC3339))
	}
	if len(e.Draft.DrawSources) == 0 {
		return errs.FailedPrecondition("DRAW_SOURCE_REQUIRED")
	}
	commitment := drawproof.Commitment(seed)
	doc, err := AnnouncementDocument(e.ID, e.Draft, commitment)
	if err != nil {
		return err
	}
	e.Status, e.DrawAlgorithm, e.PseudonymKey = StatusAnnounced, drawproof.AlgorithmV2, pseudonymKey
	e.Seed, e.SeedCommitment, e.CommittedAt = seed, commitment, now
	hash := drawproof.Hash(doc)
	e.AnnouncementDocument, e.AnnouncementHash, e.AnnouncedAt = doc, hash, now
	e.UpdatedAt = now
	e.recordChanged(now)
	e.record(DrawCommitted{EventID: e.ID, SeedCommitment: e.SeedCommitment, At: e.CommittedAt})
	return nil
}

// Open opens entries. Without a prior announcement the event cannot open
// (A7.3).
func (e *ParticipationEvent) Open(now time.Time) error {
	switch e.Status {
	case StatusDraft:
		return errs.FailedPrecondition("ANNOUNCE_BEFORE_OPEN")
	case StatusAnnounced:
	default:
		return errs.FailedPrecondition("EVENT_ALREADY", "status", e.Status)
	}
	if !now.Before(e.Draft.EntryEndsAt) {
		return errs.FailedPrecondition("ENTRY_PERIOD_ENDED")
	}
	e.Status, e.OpenedAt, e.UpdatedAt = StatusOpen, now, now
	e.recordChanged(now)
	return nil
}

// AcceptsEntries reports whether an entry made now is accepted.
func (e *ParticipationEvent) AcceptsEntries(now time.Time) error {
	if e.Status != StatusOpen {
		return errs.FailedPrecondition("EVENT_NOT_OPEN", "status", e.Status)
	}
	if now.Before(e.Draft.EntryStartsAt) {
		return errs.FailedPrecondition("ENTRY_PERIOD_NOT_STARTED")
	}
	if !now.Before(e.Draft.EntryEndsAt) {
		return errs.FailedPrecondition("ENTRY_PERIOD_ENDED")
	}
	return nil
}

// Close ends entries once the period is over and records the digest of the
// canonical entry list, published before the seed is revealed.
func (e *ParticipationEvent) Close(now time.Time, digest string, count int) error {
	if e.Status != StatusOpen && e.Status != StatusAnnounced {
		return errs.FailedPrecondition("EVENT_NOT_OPEN", "status", e.Status)
	}
	if now.Before(e.Draft.EntryEndsAt) {
		return errs.FailedPrecondition("ENTRY_PERIOD_RUNS", "ends_at", e.Draft.EntryEndsAt.UTC().Format(time.RFC3339))
	}
	e.Status, e.ClosedAt, e.UpdatedAt = StatusClosed, now, now
	e.EntryListDigest, e.EntryCount = digest, count
	e.recordChanged(now)
	return nil
}

// MarkDrawn records the draw of winners; the seed becomes public. Each
// winner's prize is awarded.
func (e *ParticipationEvent) MarkDrawn(now time.Time, winners []Winner) error {
	if e.Status != StatusClosed {
		return errs.FailedPrecondition("DRAW_AFTER_CLOSE", "status", e.Status)
	}
	e.Status, e.DrawnAt, e.UpdatedAt, e.Drawn = StatusDrawn, now, now, winners
	e.record(WinnersDrawn{EventID: e.ID, WinnerCount: len(winners), SeedHex: hex.EncodeToString(e.Seed), At: now})
	for _, w := range winners {
		e.record(PrizeAwarded{EventID: w.EventID, AwardID: w.ID, PrizeID: w.PrizeID, SubjectID: w.SubjectID,
			PrizeKind: w.PrizeKind, UnitValue: w.UnitValue, At: now})
	}
	return nil
}

// AcceptEntry accepts en, made at now, into e (share-locked by the store,
// so the close waits for it): a v2 draw gives it the id drawproof derives
// from the entry itself (event, entrant pseudonym, entry time), so the
// server cannot choose ids (A7); events announced under v1 keep random ids.
func (e *ParticipationEvent) AcceptEntry(en *Entry, now time.Time) error {
	if err := e.AcceptsEntries(now); err != nil {
		return err
	}
	en.CreatedAt = now
	if e.DrawAlgorithm == drawproof.AlgorithmV2 {
		en.Pseudonym = e.Pseudonym("entrant", en.SubjectID)
		en.ID = drawproof.EntryID(e.ID, en.Pseudonym, en.CreatedAt)
	}
	en.events = append(en.events, EntryCreated{EventID: en.EventID, EntryID: en.ID, SubjectID: en.SubjectID, At: now})
	return nil
}
