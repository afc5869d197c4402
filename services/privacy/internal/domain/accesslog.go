package domain

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"time"
)

// Outcome is what became of an access; stored as text in the log.
type Outcome string

// Outcomes recorded in the access log.
const (
	OutcomeRevealed  Outcome = "revealed"
	OutcomeMasked    Outcome = "masked"
	OutcomeDenied    Outcome = "denied"
	OutcomeStored    Outcome = "stored"
	OutcomeLookedUp  Outcome = "looked_up"
	OutcomeDisclosed Outcome = "disclosed"
	OutcomeErased    Outcome = "erased"
)

// AccessEntry is one row of the access log (A10.1): who (subject, roles,
// department, calling service), whose data, which fields, why, when, and
// what happened. Seq, PrevHash and Hash are set when it is appended.
type AccessEntry struct {
	Seq             int64
	OccurredAt      time.Time
	ActorSubject    string
	ActorRoles      []string
	ActorDepartment string
	CallingService  string
	SubjectID       string
	Fields          []string
	Purpose         string
	CaseReference   string
	Outcome         Outcome
	Reason          string
	PrevHash        []byte
	Hash            []byte
}

// Access is what one access-log entry says about the access: whose data,
// which fields, for what and in which case, and what became of it.
type Access struct {
	SubjectID     string
	Fields        []string
	Purpose       string
	CaseReference string
	Outcome       Outcome
	Reason        string
}

// NewAccessEntry starts an entry for actor's access x at at.
func NewAccessEntry(a Actor, at time.Time, x Access) AccessEntry {
	service := a.CallingService
	if service == "" {
		service = a.Client
	}
	return AccessEntry{
		OccurredAt: at.UTC().Truncate(time.Microsecond), ActorSubject: a.Subject,
		ActorRoles: a.Roles, ActorDepartment: a.Department, CallingService: service,
		SubjectID: x.SubjectID, Fields: x.Fields, Purpose: x.Purpose, CaseReference: x.CaseReference,
		Outcome: x.Outcome, Reason: x.Reason,
	}
}

// ChainHash computes the entry's link in the hash chain: an HMAC over the
// previous link and every field of the entry, length-prefixed so no two
// different entries encode the same. Editing, inserting or deleting a row
// changes every later link.
func (e AccessEntry) ChainHash(key, prev []byte) []byte {
	h := hmac.New(sha256.New, key)
	put := func(b []byte) {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(b)))
		h.Write(n[:])
		h.Write(b)
	}
	putInt := func(v int64) { put(binary.BigEndian.AppendUint64(nil, uint64(v))) }
	put(prev)
	putInt(e.Seq)
	putInt(e.OccurredAt.UnixMicro())
	for _, s := range []string{e.ActorSubject, e.ActorDepartment, e.CallingService, e.SubjectID,
		e.Purpose, e.CaseReference, string(e.Outcome), e.Reason} {
		put([]byte(s))
	}
	for _, list := range [][]string{e.ActorRoles, e.Fields} {
		putInt(int64(len(list)))
		for _, s := range list {
			put([]byte(s))
		}
	}
	return h.Sum(nil)
}

// ChainCheck is the result of verifying the log.
type ChainCheck struct {
	Intact         bool
	EntriesChecked int64
	FirstBrokenSeq int64
	HeadHash       []byte
	// AnchorsChecked counts the anchors compared with the chain;
	// AnchorMismatchSeq is the entry of the first one it does not match.
	AnchorsChecked    int64
	AnchorMismatchSeq int64
}

// ChainVerifier checks entries one by one, in sequence order, and the
// chain against the genuine anchors (oldest first).
type ChainVerifier struct {
	key     []byte
	prev    []byte
	anchors []Anchor
	Check   ChainCheck
}

// NewChainVerifier starts a verification with the chain key and the
// anchors to hold the chain to.
func NewChainVerifier(key []byte, anchors []Anchor) *ChainVerifier {
	return &ChainVerifier{key: key, anchors: anchors, Check: ChainCheck{Intact: true}}
}

// Finish ends the walk: an anchor beyond the last entry means entries
// after it were removed.
func (v *ChainVerifier) Finish() ChainCheck {
	if v.Check.Intact && len(v.anchors) > 0 {
		v.mismatch(v.anchors[0].Seq)
	}
	return v.Check
}

func (v *ChainVerifier) mismatch(seq int64) {
	v.Check.Intact, v.Check.AnchorMismatchSeq = false, seq
}

// anchored holds e to the anchors of its seq.
func (v *ChainVerifier) anchored(e AccessEntry) bool {
	for len(v.anchors) > 0 && v.anchors[0].Seq <= e.Seq {
		a := v.anchors[0]
		v.anchors = v.anchors[1:]
		v.Check.AnchorsChecked++
		if a.Seq != e.Seq || !hmac.Equal(a.Head, e.Hash) {
			v.mismatch(a.Seq)
			return false
		}
	}
	return true
}

// Next checks one entry and reports whether verification may continue.
// An entry breaks the chain when its stored previous link is not the
// previous entry's link or its own link does not match its content.
func (v *ChainVerifier) Next(e AccessEntry) bool {
	v.Check.EntriesChecked++
	want := e.ChainHash(v.key, v.prev)
	if !hmac.Equal(e.PrevHash, v.prev) || !hmac.Equal(e.Hash, want) {
		v.Check.Intact = false
		v.Check.FirstBrokenSeq = e.Seq
		return false
	}
	v.prev = e.Hash
	v.Check.HeadHash = e.Hash
	return v.anchored(e)
}
