package drawproof

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode"
)

// Inputs is every public input and output of one draw, as the event
// service publishes them (GET /v1/participation-events/{id}/draw).
type Inputs struct {
	EventID              string       `json:"eventId"`
	Algorithm            string       `json:"algorithm"`
	AnnouncementDocument string       `json:"announcementDocument"`
	AnnouncementHash     string       `json:"announcementHash"`
	SeedCommitment       string       `json:"seedCommitment"`
	CommitTime           time.Time    `json:"commitTime"`
	EntryEndTime         time.Time    `json:"entryEndTime"`
	CloseTime            time.Time    `json:"closeTime"`
	EntryIDs             []string     `json:"entryIds"`
	EntryListDigest      string       `json:"entryListDigest"`
	Prizes               []SlotJSON   `json:"prizes"`
	Seed                 string       `json:"seed"`
	DrawTime             time.Time    `json:"drawTime"`
	Winners              []WinnerJSON `json:"winners"`
	// Entries and DrawSources are published for seoul-event-draw/v2 only.
	Entries     []EntryJSON  `json:"entries"`
	DrawSources []SourceJSON `json:"drawSources"`
}

// EntryJSON is a published entry: what its id is derived from (v2).
type EntryJSON struct {
	ID        string    `json:"id"`
	Pseudonym string    `json:"pseudonym"`
	EnteredAt time.Time `json:"enterTime"`
}

// SourceJSON is a published randomness source's value and the officials'
// entries of it (v2).
type SourceJSON struct {
	ID      string       `json:"id"`
	Value   string       `json:"value"`
	Entries []ValueEntry `json:"entries"`
}

// SlotJSON is a published prize slot.
type SlotJSON struct {
	PrizeID string `json:"prizeId"`
	Count   int    `json:"count"`
}

// WinnerJSON is a published winner.
type WinnerJSON struct {
	Rank    int    `json:"rank"`
	EntryID string `json:"entryId"`
	PrizeID string `json:"prizeId"`
}

// DecodeInputs parses published inputs. It accepts the REST edge's JSON
// (lowerCamelCase keys) and the proto field names (snake_case) alike.
func DecodeInputs(data []byte) (Inputs, error) {
	var raw any
	if err := json.Unmarshal(data, &raw); err != nil {
		return Inputs{}, fmt.Errorf("parse draw inputs: %w", err)
	}
	norm, err := json.Marshal(camelKeys(raw))
	if err != nil {
		return Inputs{}, err
	}
	var in Inputs
	if err := json.Unmarshal(norm, &in); err != nil {
		return Inputs{}, fmt.Errorf("parse draw inputs: %w", err)
	}
	return in, nil
}

// camelKeys rewrites snake_case object keys to lowerCamelCase, recursively.
func camelKeys(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, val := range t {
			out[camel(k)] = camelKeys(val)
		}
		return out
	case []any:
		for i := range t {
			t[i] = camelKeys(t[i])
		}
	}
	return v
}

func camel(s string) string {
	parts := strings.Split(s, "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			r := []rune(parts[i])
			r[0] = unicode.ToUpper(r[0])
			parts[i] = string(r)
		}
	}
	return strings.Join(parts, "")
}
