package drawproof

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Procedure "seoul-event-draw/v2" removes the trust v1 leaves in whoever
// holds the seed (A7): the outcome also depends on public values nobody
// knows when entries close and nobody controls.
//
//  1. The announcement (before the entry period opens) names the public
//     randomness sources: RFC 3797 style public lottery draws and/or
//     public randomness beacon rounds, each available only after the entry
//     period ends. It still carries the commitment to the operator's seed.
//  2. Entry ids are derived from the entries themselves: EntryID(event id,
//     entrant pseudonym, entry time), not chosen by the server.
//  3. After the close, two different officials each enter every source's
//     value; a value counts once two of them entered the same canonical
//     value (CanonicalValue).
//  4. Key = SHA-256("seoul-event-draw/v2\n" + hex(seed) + "\n" + for each
//     announced source in order: id + "=" + canonical value + "\n"); the
//     entries are ranked and the prizes given exactly as in v1, with Key in
//     place of the seed.
const AlgorithmV2 = "seoul-event-draw/v2"

// The kinds of public randomness sources.
const (
	// SourceLottery is a public lottery draw (RFC 3797 §4): numbers in sets.
	SourceLottery = "lottery"
	// SourceBeacon is a round of a public randomness beacon: its output in hex.
	SourceBeacon = "beacon"
)

const entryIDDomain = "seoul-event-entry/v2\n"

// EntryTime is the canonical text of an entry time: UTC, microseconds.
func EntryTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000Z") }

// EntryID derives an entry id from the entry: the first 16 bytes of
// SHA-256("seoul-event-entry/v2\n" + eventID + "\n" + pseudonym + "\n" +
// EntryTime(at)) as an RFC 9562 version 8 UUID in lowercase text.
func EntryID(eventID, pseudonym string, at time.Time) string {
	sum := sha256.Sum256([]byte(entryIDDomain + eventID + "\n" + pseudonym + "\n" + EntryTime(at)))
	b := sum[:16]
	b[6] = b[6]&0x0f | 0x80 // version 8
	b[8] = b[8]&0x3f | 0x80 // variant 10
	h := hex.EncodeToString(b)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// CanonicalValue returns the canonical form of a source's value, so that
// two officials typing the same draw agree byte for byte. A lottery value
// is sets of numbers separated by "/", numbers by spaces, commas or dots;
// canonically (RFC 3797 §4) each set's numbers sorted ascending, joined by
// ".", every set ended by "/": "1.7.12.25.31.40./3./". A beacon value is
// the round's output in hex (16 to 64 bytes), lowercase.
func CanonicalValue(kind, value string) (string, error) {
	switch kind {
	case SourceLottery:
		return canonicalLottery(value)
	case SourceBeacon:
		v := strings.ToLower(strings.TrimSpace(value))
		b, err := hex.DecodeString(v)
		if err != nil || len(b) < 16 || len(b) > 64 {
			return "", fmt.Errorf("a beacon value is 16 to 64 bytes in hex")
		}
		return v, nil
	}
	return "", fmt.Errorf("unknown source kind %q", kind)
}

func canonicalLottery(value string) (string, error) {
	var out strings.Builder
	sets := strings.Split(strings.TrimSuffix(strings.TrimSpace(value), "/"), "/")
	for _, set := range sets {
		fields := strings.FieldsFunc(set, func(r rune) bool { return r == ' ' || r == ',' || r == '.' || r == '\t' })
		if len(fields) == 0 {
			return "", fmt.Errorf("a lottery value is sets of numbers separated by /")
		}
		nums := make([]int, len(fields))
		for i, f := range fields {
			n, err := strconv.Atoi(f)
			if err != nil || n < 0 || n > 1_000_000 {
				return "", fmt.Errorf("%q is not a lottery number", f)
			}
			nums[i] = n
		}
		slices.Sort(nums)
		for _, n := range nums {
			out.WriteString(strconv.Itoa(n) + ".")
		}
		out.WriteString("/")
	}
	return out.String(), nil
}

// SourceValue is one source's confirmed, canonical value.
type SourceValue struct {
	ID    string
	Value string
}

// Key derives the v2 draw key from the operator's seed and the sources'
// values in announced order.
func Key(seed []byte, values []SourceValue) []byte {
	h := sha256.New()
	h.Write([]byte(AlgorithmV2 + "\n" + hex.EncodeToString(seed) + "\n"))
	for _, v := range values {
		h.Write([]byte(v.ID + "=" + v.Value + "\n"))
	}
	return h.Sum(nil)
}

// Confirmed returns the value at least two distinct officials entered, and
// whether there is exactly one such value. entries are (official, value)
// pairs in canonical form.
func Confirmed(entries []ValueEntry) (string, bool) {
	by := map[string]map[string]bool{}
	for _, e := range entries {
		if by[e.Value] == nil {
			by[e.Value] = map[string]bool{}
		}
		by[e.Value][e.Official] = true
	}
	var found []string
	for v, officials := range by {
		if len(officials) >= 2 {
			found = append(found, v)
		}
	}
	if len(found) != 1 {
		return "", false
	}
	return found[0], true
}

// ValueEntry is one official's entry of a source's value.
type ValueEntry struct {
	// Official is a pseudonym of the official, the same for all their
	// entries in one participation event.
	Official  string    `json:"official"`
	Value     string    `json:"value"`
	EnteredAt time.Time `json:"enterTime"`
}
