// Package drawproof is the documented, deterministic draw procedure of the
// event service (A7), published so that anyone can recompute a participation
// event's winners from its public inputs. It depends only on the Go standard
// library; the service and the verify-draw command both use it, and outsiders
// may import it or reimplement it from this description.
//
// Procedure "seoul-event-draw/v1":
//
//  1. Seed: 32 random bytes chosen by the service when the participation event
//     is announced. Commitment = lowercase hex(SHA-256(seed)), published at once,
//     before any entry is accepted.
//  2. Canonical entry list: the entry ids (lowercase UUID strings) sorted
//     ascending by byte order, without duplicates. Digest = lowercase
//     hex(SHA-256("seoul-event-entries/v1\n" + id1 + "\n" + id2 + "\n" ...)),
//     published when entries close.
//  3. Ranking: for each entry id, score = HMAC-SHA256(key = seed, message =
//     the id's UTF-8 bytes). Entries are ordered by score ascending (bytewise),
//     ties (never expected) broken by entry id ascending. Rank 1 is first.
//  4. Prizes: the prize plan's lines in announced order, each with a count,
//     give slots; slot k (1-based, line by line) goes to rank k. With fewer
//     entries than slots, the later slots stay empty.
package drawproof

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"sort"
)

// Algorithm names this procedure in published draw inputs.
const Algorithm = "seoul-event-draw/v1"

// SeedSize is the seed length in bytes.
const SeedSize = 32

const entryListDomain = "seoul-event-entries/v1\n"

// Commitment returns hex(SHA-256(seed)).
func Commitment(seed []byte) string {
	sum := sha256.Sum256(seed)
	return hex.EncodeToString(sum[:])
}

// Hash returns hex(SHA-256(doc)); the announcement hash is Hash of the
// announcement document's bytes.
func Hash(doc []byte) string {
	sum := sha256.Sum256(doc)
	return hex.EncodeToString(sum[:])
}

// CanonicalEntries returns ids sorted ascending; duplicates are an error
// because one entry id must stand for one entry.
func CanonicalEntries(ids []string) ([]string, error) {
	out := slices.Clone(ids)
	slices.Sort(out)
	for i := 1; i < len(out); i++ {
		if out[i] == out[i-1] {
			return nil, fmt.Errorf("duplicate entry id %q", out[i])
		}
	}
	return out, nil
}

// EntryListDigest returns the digest of the canonical list of ids.
func EntryListDigest(ids []string) (string, error) {
	canon, err := CanonicalEntries(ids)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	h.Write([]byte(entryListDomain))
	for _, id := range canon {
		h.Write([]byte(id))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Rank orders ids by HMAC-SHA256(seed, id), ascending.
func Rank(seed []byte, ids []string) []string {
	type scored struct {
		id    string
		score []byte
	}
	list := make([]scored, len(ids))
	for i, id := range ids {
		m := hmac.New(sha256.New, seed)
		m.Write([]byte(id))
		list[i] = scored{id: id, score: m.Sum(nil)}
	}
	sort.Slice(list, func(i, j int) bool {
		if c := bytes.Compare(list[i].score, list[j].score); c != 0 {
			return c < 0
		}
		return list[i].id < list[j].id
	})
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = s.id
	}
	return out
}

// Slot is one prize line: its id and how many winners it has.
type Slot struct {
	PrizeID string
	Count   int
}

// Winner is one drawn entry: rank (1-based), entry id and prize id.
type Winner struct {
	Rank    int
	EntryID string
	PrizeID string
}

// Draw computes the winners from the seed, the entry ids and the prize
// slots in plan order.
func Draw(seed []byte, entryIDs []string, slots []Slot) ([]Winner, error) {
	canon, err := CanonicalEntries(entryIDs)
	if err != nil {
		return nil, err
	}
	ranked := Rank(seed, canon)
	var out []Winner
	for _, s := range slots {
		for range s.Count {
			if len(out) == len(ranked) {
				return out, nil
			}
			out = append(out, Winner{Rank: len(out) + 1, EntryID: ranked[len(out)], PrizeID: s.PrizeID})
		}
	}
	return out, nil
}
