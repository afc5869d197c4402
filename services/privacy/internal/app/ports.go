package app

import (
	"context"
	"time"

	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// WrappedKey is a subject's data key as stored: wrapped by a KEK version.
type WrappedKey struct {
	Wrapped    []byte
	KEKVersion int
}

// SealedField is one encrypted field row, or one free text's original
// (Field is domain.FieldFreeText, Document names the text and
// CaseReference the case it is bound to, if any).
type SealedField struct {
	Token      string
	SubjectID  string
	Field      string
	Ciphertext []byte
	BlindIndex []byte
	// IndexVersion is the blind-index key version of BlindIndex.
	IndexVersion  int
	Purpose       string
	Document      string
	CaseReference string
}

// SealedRecord is a field row with its subject's wrapped key, as read for
// decryption. Key is nil when the subject has been erased.
type SealedRecord struct {
	SealedField
	Key *WrappedKey
}

// FieldSealer encrypts the fields of one subject inside the store's
// transaction. existing is the subject's current key (nil for a new or
// erased subject); the sealer returns the key to keep (a new one when
// existing was nil) and the sealed rows.
type FieldSealer func(existing *WrappedKey) (*WrappedKey, []SealedField, error)

// Vault stores and reads encrypted personal data.
type Vault interface {
	// StoreFields runs seal in a transaction holding the subject's row lock,
	// upserts the rows (a field keeps its token), appends entry to the access
	// log, and returns field → token.
	StoreFields(ctx context.Context, subjectID string, seal FieldSealer, entry domain.AccessEntry) (map[string]string, error)
	// StoreTexts is StoreFields for free texts: rows are upserted by
	// document (a document keeps its token); it returns document → token.
	StoreTexts(ctx context.Context, subjectID string, seal FieldSealer, entry domain.AccessEntry) (map[string]string, error)
	// RecordsByTokens returns the rows of tokens that exist, fields and
	// texts alike.
	RecordsByTokens(ctx context.Context, tokens []string) ([]SealedRecord, error)
	// SubjectRecords returns the subject's rows for fields (all when empty).
	SubjectRecords(ctx context.Context, subjectID string, fields []string) ([]SealedRecord, error)
	// FindByBlindIndex returns subject id → token of rows whose index matches.
	// under any of the versions in indexes (version → index), so rows not
	// re-indexed yet are found during a rotation.
	FindByBlindIndex(ctx context.Context, field string, indexes map[int][]byte) ([]SealedField, error)
	// ClaimReindex claims up to limit indexed rows not under version
	// active (skipping rows other replicas hold), with their subject's
	// key, and saves the index reindex gives each, in one transaction.
	ClaimReindex(ctx context.Context, active, limit int, reindex func(r *SealedRecord) error) (int, error)
	// IndexUsage counts indexed rows per blind-index key version.
	IndexUsage(ctx context.Context) (map[int]int64, error)
}

// AccessLog is the append-only, hash-chained access log.
type AccessLog interface {
	Append(ctx context.Context, entries ...domain.AccessEntry) error
	// List returns one page of the entries f selects, newest first, and
	// the token of the next page ("" on the last); a token made for other
	// filters is InvalidArgument on page_token.
	List(ctx context.Context, f AccessFilter, page pagetoken.Page) ([]domain.AccessEntry, string, error)
	// Verify feeds every entry, in order, to v within one snapshot.
	Verify(ctx context.Context, v *domain.ChainVerifier) error
}

// Anchors keeps the signed checkpoints of the access log.
type Anchors interface {
	// Update runs fn on the anchoring state (the newest anchor and the
	// chain's head, read under the log's append lock) and saves the anchor
	// fn made, if any, with its events; a singleton among replicas.
	Update(ctx context.Context, fn func(*domain.Anchoring) error) (*domain.Anchor, error)
	// List returns one page of anchors, newest first.
	List(ctx context.Context, page pagetoken.Page) ([]domain.Anchor, string, error)
	// All returns every anchor, oldest first.
	All(ctx context.Context) ([]domain.Anchor, error)
}

// AccessFilter selects access-log entries.
type AccessFilter struct {
	SubjectID    string
	ActorSubject string
}

// Consents stores consent grants and withdrawals.
type Consents interface {
	// Grant records a live consent, or returns the live one already there.
	Grant(ctx context.Context, c domain.Consent) (domain.Consent, error)
	// Update runs fn on the subject's live consent to purpose (the latest
	// one when none is live), locked, and saves it; NotFound when the
	// subject never consented to purpose.
	Update(ctx context.Context, subjectID, purpose string, fn func(*domain.Consent) error) (domain.Consent, error)
	List(ctx context.Context, subjectID string) ([]domain.Consent, error)
	Live(ctx context.Context, subjectID, purpose string) (bool, error)
}

// Disclosures stores the disclosure register.
type Disclosures interface {
	// Create records d, or returns the entry the same recorder already
	// recorded under the same request id (ids are scoped to their caller).
	Create(ctx context.Context, d domain.Disclosure) (domain.Disclosure, error)
	Get(ctx context.Context, id string) (domain.Disclosure, error)
	// Update runs fn on the locked entry and saves it with the access-log
	// entries it audited, in one transaction.
	Update(ctx context.Context, id string, fn func(*domain.Disclosure) error) (domain.Disclosure, error)
	// List returns one page of the register, newest first, and the token
	// of the next page ("" on the last).
	List(ctx context.Context, page pagetoken.Page) ([]domain.Disclosure, string, error)
}

// Policies stores privacy policy versions.
type Policies interface {
	// Publish stores p; AlreadyExists when the version exists with other content.
	Publish(ctx context.Context, p domain.Policy) (domain.Policy, error)
	Get(ctx context.Context, version string) (domain.Policy, error)
	// Current returns the version in force at t.
	Current(ctx context.Context, t time.Time) (domain.Policy, error)
	List(ctx context.Context) ([]domain.Policy, error)
}

// Holds stores legal holds.
type Holds interface {
	Create(ctx context.Context, h domain.LegalHold) (domain.LegalHold, error)
	// Update runs fn on the subject's hold, locked, and saves it.
	Update(ctx context.Context, subjectID, holdID string, fn func(*domain.LegalHold) error) (domain.LegalHold, error)
}

// Subjects stores the subjects' data keys as erasure and key rotation see
// them.
type Subjects interface {
	// Update runs fn on the subject, locked (NotFound when the vault never
	// held their data); when fn erases the subject, it destroys the wrapped
	// data key, deletes the ciphertexts and blind indexes, and writes the
	// audited entries and recorded events, in one transaction.
	Update(ctx context.Context, subjectID string, fn func(*domain.Subject) error) (domain.Subject, error)
	// KeyUsage counts live data keys per KEK version.
	KeyUsage(ctx context.Context) (map[int]int64, error)
	// ClaimRewrap claims up to limit keys not under version active
	// (skipping rows other replicas hold) and saves what rewrap makes of
	// each, in one transaction; it returns how many it claimed.
	ClaimRewrap(ctx context.Context, active, limit int, rewrap func(subjectID string, k *WrappedKey) error) (int, error)
	// FieldRecords returns every live row of field (for statistics).
	FieldRecords(ctx context.Context, field string) ([]SealedRecord, error)
}

// Grants keeps the case-bound reveal grants.
type Grants interface {
	// ForCase returns the live (unrevoked) grants of caseRef for purposes,
	// prize grants with their event's department resolved.
	ForCase(ctx context.Context, caseRef string, purposes ...string) ([]domain.Grant, error)
	// Update runs fn on the case (its live grants and newest applied
	// event), locked against other events of the case, and saves the
	// grants fn changed.
	Update(ctx context.Context, purpose, caseRef string, fn func(*domain.Case) error) error
	// SetEventDepartment records the department running a participation
	// event, unless a newer announcement recorded one already.
	SetEventDepartment(ctx context.Context, eventID, department string, at time.Time) error
}

// Contractors keeps the contractor grants (A3.2).
type Contractors interface {
	// Create saves g with its history and events, unless its admin already
	// made a grant under g.RequestID (that one is returned). check gets the
	// contractor's unrevoked grants of g's service that have not ended,
	// read under a lock on the contractor, so two grants made at once
	// cannot both pass it.
	Create(ctx context.Context, g domain.ContractorGrant, check func(others []domain.ContractorGrant) error) (domain.ContractorGrant, error)
	// Update runs fn on the grant, locked (NotFound when there is none),
	// and saves what it changed with its events.
	Update(ctx context.Context, id string, fn func(*domain.ContractorGrant) error) (domain.ContractorGrant, error)
	// List returns one page of grants f selects, newest first.
	List(ctx context.Context, f ContractorFilter, page pagetoken.Page) ([]domain.ContractorGrant, string, error)
	// Current returns every grant that has not ended at now, revoked ones
	// included.
	Current(ctx context.Context, now time.Time) ([]domain.ContractorGrant, error)
}

// ContractorBucket is where every service reads the grants from (the
// contractor-grants bucket, platform/contractors).
type ContractorBucket interface {
	// Project writes g's state; writing it again changes nothing, and a
	// revoked grant is never made live again.
	Project(ctx context.Context, g domain.ContractorGrant) error
}
