// Package clients is the registry of machine clients: the systems that call
// the suite with a token of their own (the "service" role and a "client"
// claim) instead of a person's — a department's complaint system, a
// redemption partner, a delivery contractor, the mail service. Each
// registered client may call only the RPCs listed for it, and the privacy
// service lets it reveal or look up only the purposes and fields listed
// (A3.2: an outside operator gets exactly the rights it was granted).
//
// The registry is configuration (AUTH_CLIENTS_FILE, a JSON document shared
// by every service); a token naming an unregistered client is refused by
// every service, so minting a token is not enough to act as a client.
package clients

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
)

// Client is one registered machine client.
type Client struct {
	// ID is the token's client claim.
	ID          string `json:"id"`
	Description string `json:"description"`
	// Department is the department the client acts for (its officials'
	// rights over the cases that department holds); empty for a client
	// that acts for no department (a partner, the mail service).
	Department string `json:"department,omitempty"`
	// Methods are full gRPC method names ("/seoul.privacy.v1.PrivacyService/RevealPersonalData").
	Methods []string `json:"methods"`
	// Reveal maps a purpose of use to the fields the client may reveal
	// for it; Lookup to the fields it may search subjects by.
	Reveal map[string][]string `json:"reveal,omitempty"`
	Lookup map[string][]string `json:"lookup,omitempty"`
	// OnBehalf lists the methods (each also in Methods) the client may call
	// on behalf of a person who proved themself to it — the mail service
	// filing the complaint a citizen sent from their city mail ID. The
	// person's subject travels in the x-on-behalf-of metadata, which every
	// service refuses from anyone else (platform/grpcserver), and the called
	// service acts for that person within the method's own rules.
	OnBehalf []string `json:"on_behalf,omitempty"`
	// Store maps a purpose to the personal fields the client may store on
	// behalf of a person (privacy), e.g. {"complaint": ["name", "free_text"]}.
	Store map[string][]string `json:"store,omitempty"`
	// APIKeys are the SHA-256 digests (hex) of the API keys issued to the
	// client, for protocols that authenticate with a key instead of a
	// token (Open311 GeoReport's api_key). The registry holds digests only,
	// so the file discloses no key; several allow a rotation.
	APIKeys []string `json:"api_key_sha256,omitempty"`
}

// MetadataAPIKey is the gRPC metadata that carries an API key.
const MetadataAPIKey = "x-api-key"

// KeyDigest is the digest of an API key as the registry lists it.
func KeyDigest(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

// Calls reports whether the client may call method.
func (c Client) Calls(method string) bool { return slices.Contains(c.Methods, method) }

// MayReveal reports whether the client's scope covers field for purpose.
func (c Client) MayReveal(purpose, field string) bool {
	return slices.Contains(c.Reveal[purpose], field)
}

// ActsOnBehalf reports whether the client may call method on behalf of a
// person.
func (c Client) ActsOnBehalf(method string) bool { return slices.Contains(c.OnBehalf, method) }

// MayStore reports whether the client may store field for purpose on
// behalf of a person.
func (c Client) MayStore(purpose, field string) bool {
	return slices.Contains(c.Store[purpose], field)
}

// MayLookup reports whether the client may search by field for purpose.
func (c Client) MayLookup(purpose, field string) bool {
	return slices.Contains(c.Lookup[purpose], field)
}

// Registry is the set of registered clients. The zero value (and nil)
// registers none.
type Registry struct {
	byID map[string]Client
	// byKey maps an API key's digest to its client.
	byKey map[string]string
}

// document is the file's shape.
type document struct {
	Clients []Client `json:"clients"`
}

// Load reads the registry from a JSON file; an empty path is the empty
// registry (no machine client may call anything).
func Load(path string) (*Registry, error) {
	if path == "" {
		return &Registry{}, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(b)
}

var (
	idRe     = regexp.MustCompile(`^[a-z][a-z0-9-]{1,62}$`)
	methodRe = regexp.MustCompile(`^/[a-z][a-z0-9_.]*\.[A-Z][A-Za-z0-9]*/[A-Z][A-Za-z0-9]*$`)
	wordRe   = regexp.MustCompile(`^[a-z][a-z0-9_]{0,63}$`)
	digestRe = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// Parse reads a registry document and reports every problem in it.
func Parse(b []byte) (*Registry, error) {
	var doc document
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("machine client registry: %w", err)
	}
	r := &Registry{byID: map[string]Client{}, byKey: map[string]string{}}
	var problems []string
	for i, c := range doc.Clients {
		problems = append(problems, c.problems(fmt.Sprintf("clients[%d]", i))...)
		if _, dup := r.byID[c.ID]; dup {
			problems = append(problems, fmt.Sprintf("clients[%d].id: %q registered twice", i, c.ID))
		}
		r.byID[c.ID] = c
		for j, k := range c.APIKeys {
			if other, dup := r.byKey[k]; dup {
				problems = append(problems, fmt.Sprintf("clients[%d].api_key_sha256[%d]: already %q's key", i, j, other))
			}
			r.byKey[k] = c.ID
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("machine client registry: %s", strings.Join(problems, "; "))
	}
	return r, nil
}

func (c Client) problems(at string) []string {
	var p []string
	if !idRe.MatchString(c.ID) {
		p = append(p, at+".id: 2-63 lowercase letters, digits and -")
	}
	for i, m := range c.Methods {
		if !methodRe.MatchString(m) {
			p = append(p, fmt.Sprintf("%s.methods[%d]: %q is not a full gRPC method name", at, i, m))
		}
	}
	for i, m := range c.OnBehalf {
		if !c.Calls(m) {
			p = append(p, fmt.Sprintf("%s.on_behalf[%d]: %q is not among the client's methods", at, i, m))
		}
	}
	for i, k := range c.APIKeys {
		if !digestRe.MatchString(k) {
			p = append(p, fmt.Sprintf("%s.api_key_sha256[%d]: the SHA-256 of the key, 64 lowercase hex digits", at, i))
		}
	}
	for name, scope := range map[string]map[string][]string{"reveal": c.Reveal, "lookup": c.Lookup, "store": c.Store} {
		for purpose, fields := range scope {
			if !wordRe.MatchString(purpose) || len(fields) == 0 {
				p = append(p, fmt.Sprintf("%s.%s[%q]: a purpose name with at least one field", at, name, purpose))
			}
		}
	}
	return p
}

// Get returns the client registered under id.
func (r *Registry) Get(id string) (Client, bool) {
	if r == nil {
		return Client{}, false
	}
	c, ok := r.byID[id]
	return c, ok
}

// ByAPIKey returns the client an API key was issued to. The key is
// compared by its digest, so the time taken tells nothing about how much
// of a registered key a guess matched.
func (r *Registry) ByAPIKey(key string) (Client, bool) {
	if r == nil || key == "" {
		return Client{}, false
	}
	id, ok := r.byKey[KeyDigest(key)]
	if !ok {
		return Client{}, false
	}
	return r.Get(id)
}

// All returns the registered clients ordered by id.
func (r *Registry) All() []Client {
	if r == nil {
		return nil
	}
	out := make([]Client, 0, len(r.byID))
	for _, c := range r.byID {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b Client) int { return strings.Compare(a.ID, b.ID) })
	return out
}

type ctxKey struct{}

// With returns ctx carrying the calling client's registration.
func With(ctx context.Context, c Client) context.Context { return context.WithValue(ctx, ctxKey{}, c) }

// From returns the registration of the machine client making the call,
// set by the gRPC server once the token is verified.
func From(ctx context.Context) (Client, bool) {
	c, ok := ctx.Value(ctxKey{}).(Client)
	return c, ok
}
