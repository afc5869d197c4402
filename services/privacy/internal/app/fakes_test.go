package app_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"io"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/privacy/internal/app"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
	"github.com/seoul-gov/homepage/services/privacy/internal/envelope"
	"github.com/seoul-gov/homepage/services/privacy/internal/keyring"
)

// world is the in-memory state behind every fake port. Each change runs
// its closure on a copy and keeps the copy only when the closure returns
// nil, as the store's transaction would.
type world struct {
	mu          sync.Mutex
	keys        map[string]*app.WrappedKey // subject → data key; nil once erased
	erased      map[string]time.Time
	rows        map[string]app.SealedField // token → row
	log         []domain.AccessEntry
	events      []domain.Event
	consents    []domain.Consent
	disclosures map[string]domain.Disclosure
	policies    map[string]domain.Policy
	holds       map[string]domain.LegalHold
	cases       map[string]domain.Case // purpose/case → live grants
	revoked     []domain.CaseGrant
	eventDepts  map[string]string
	clock       *clock.Fake
	kek1        []byte // the key-encryption key of version 1
	chainKey    []byte
	index1      []byte // the blind-index key of version 1
	anchors     []domain.Anchor
	ports       app.Ports
	settings    app.Settings
}

func newWorld() *world {
	return &world{keys: map[string]*app.WrappedKey{}, erased: map[string]time.Time{}, rows: map[string]app.SealedField{},
		disclosures: map[string]domain.Disclosure{}, policies: map[string]domain.Policy{}, holds: map[string]domain.LegalHold{},
		cases: map[string]domain.Case{}, eventDepts: map[string]string{},
		clock: clock.NewFake(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))}
}

// fixture is the app over a world.
type fixture struct {
	*world
	app *app.App
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	w := newWorld()
	w.kek1 = keyring.RandomKey()
	keks, err := keyring.NewLocal(map[int][]byte{1: w.kek1}, 1)
	if err != nil {
		t.Fatal(err)
	}
	ports := app.Ports{Vault: vault{w}, Log: accessLog{w}, Consents: consents{w}, Disclosures: disclosures{w},
		Policies: policies{w}, Subjects: subjects{w}, Holds: holds{w}, Grants: grants{w}, Anchors: anchors{w}, KEKs: keks}
	w.index1 = keyring.RandomKey()
	keys := envelope.DeriveKeys(w.index1)
	w.chainKey = keys.ChainKey()
	_, anchorKey, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	settings := app.Settings{Keys: keys, RewrapBatch: 2, AnchorKey: anchorKey,
		Limits: app.Limits{RefusalsPerMinute: 30, LookupsPerMinute: 60}, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	w.ports, w.settings = ports, settings
	return fixture{world: w, app: app.New(ports, settings, w.clock.Now)}
}

// logged returns the access-log entries of outcome o.
func (w *world) logged(o domain.Outcome) []domain.AccessEntry {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []domain.AccessEntry
	for _, e := range w.log {
		if e.Outcome == o {
			out = append(out, e)
		}
	}
	return out
}

// appendLog chains entries as the store does.
func (w *world) appendLog(entries ...domain.AccessEntry) {
	for _, e := range entries {
		e.Seq = int64(len(w.log) + 1)
		if len(w.log) > 0 {
			e.PrevHash = w.log[len(w.log)-1].Hash
		}
		e.Hash = e.ChainHash(w.chainKey, e.PrevHash)
		w.log = append(w.log, e)
	}
}

type vault struct{ *world }

func (v vault) StoreFields(_ context.Context, subject string, seal app.FieldSealer, entry domain.AccessEntry) (map[string]string, error) {
	return v.store(subject, seal, entry, func(r app.SealedField) string { return r.Field })
}

func (v vault) StoreTexts(_ context.Context, subject string, seal app.FieldSealer, entry domain.AccessEntry) (map[string]string, error) {
	return v.store(subject, seal, entry, func(r app.SealedField) string { return r.Document })
}

func (v vault) store(subject string, seal app.FieldSealer, entry domain.AccessEntry, keyOf func(app.SealedField) string) (map[string]string, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	key, rows, err := seal(v.keys[subject])
	if err != nil {
		return nil, err
	}
	v.keys[subject] = key
	tokens := map[string]string{}
	for _, r := range rows {
		for tok, old := range v.rows {
			if old.SubjectID == subject && old.Field == r.Field && old.Document == r.Document {
				r.Token = tok
			}
		}
		v.rows[r.Token] = r
		tokens[keyOf(r)] = r.Token
	}
	v.appendLog(entry)
	return tokens, nil
}

func (v vault) record(r app.SealedField) app.SealedRecord {
	return app.SealedRecord{SealedField: r, Key: v.keys[r.SubjectID]}
}

func (v vault) RecordsByTokens(_ context.Context, tokens []string) ([]app.SealedRecord, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	var out []app.SealedRecord
	for _, t := range tokens {
		if r, ok := v.rows[t]; ok {
			out = append(out, v.record(r))
		}
	}
	return out, nil
}

func (v vault) SubjectRecords(_ context.Context, subject string, fields []string) ([]app.SealedRecord, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	var out []app.SealedRecord
	for _, r := range v.rows {
		if r.SubjectID == subject && r.Document == "" && (len(fields) == 0 || slices.Contains(fields, r.Field)) {
			out = append(out, v.record(r))
		}
	}
	slices.SortFunc(out, func(a, b app.SealedRecord) int { return strings.Compare(a.Field, b.Field) })
	return out, nil
}

func (v vault) FindByBlindIndex(_ context.Context, field string, indexes map[int][]byte) ([]app.SealedField, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	var out []app.SealedField
	for _, r := range v.rows {
		if r.Field == field && r.BlindIndex != nil && bytes.Equal(r.BlindIndex, indexes[r.IndexVersion]) {
			out = append(out, r)
		}
	}
	return out, nil
}

func (v vault) ClaimReindex(_ context.Context, active, limit int, reindex func(*app.SealedRecord) error) (int, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	n := 0
	for tok, r := range v.rows {
		if r.BlindIndex == nil || r.IndexVersion == active || n == limit {
			continue
		}
		rec := v.record(r)
		if err := reindex(&rec); err != nil {
			return n, err
		}
		v.rows[tok] = rec.SealedField
		n++
	}
	return n, nil
}

func (v vault) IndexUsage(context.Context) (map[int]int64, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	out := map[int]int64{}
	for _, r := range v.rows {
		if r.BlindIndex != nil {
			out[r.IndexVersion]++
		}
	}
	return out, nil
}

type accessLog struct{ *world }

func (l accessLog) Append(_ context.Context, entries ...domain.AccessEntry) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.appendLog(entries...)
	return nil
}

// List serves every match newest first on one page (paging is the store's).
func (l accessLog) List(_ context.Context, f app.AccessFilter, page pagetoken.Page) ([]domain.AccessEntry, string, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []domain.AccessEntry
	for i := len(l.log) - 1; i >= 0 && len(out) < page.Size; i-- {
		e := l.log[i]
		if (f.SubjectID == "" || e.SubjectID == f.SubjectID) && (f.ActorSubject == "" || e.ActorSubject == f.ActorSubject) {
			out = append(out, e)
		}
	}
	return out, "", nil
}

func (l accessLog) Verify(_ context.Context, v *domain.ChainVerifier) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, e := range l.log {
		if e.PrevHash == nil {
			e.PrevHash = []byte{} // as stored
		}
		if !v.Next(e) {
			break
		}
	}
	return nil
}

type anchors struct{ *world }

func (a anchors) Update(_ context.Context, fn func(*domain.Anchoring) error) (*domain.Anchor, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	var x domain.Anchoring
	if n := len(a.log); n > 0 {
		x.Head = domain.ChainHead{Seq: a.log[n-1].Seq, Hash: a.log[n-1].Hash}
	}
	if n := len(a.anchors); n > 0 {
		last := a.anchors[n-1]
		x.Last = &last
	}
	if err := fn(&x); err != nil || x.New == nil {
		return nil, err
	}
	a.anchors = append(a.anchors, *x.New)
	a.events = append(a.events, x.Events()...)
	return x.New, nil
}

func (a anchors) List(_ context.Context, page pagetoken.Page) ([]domain.Anchor, string, error) {
	all, _ := a.All(context.Background())
	slices.Reverse(all)
	return all[:min(len(all), page.Size)], "", nil
}

func (a anchors) All(context.Context) ([]domain.Anchor, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return slices.Clone(a.anchors), nil
}

type consents struct{ *world }

func (c consents) Grant(_ context.Context, in domain.Consent) (domain.Consent, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, x := range c.consents {
		if x.SubjectID == in.SubjectID && x.Purpose == in.Purpose && x.Live() {
			return x, nil
		}
	}
	in.ID, in.GrantedAt = int64(len(c.consents)+1), c.clock.Now()
	c.consents = append(c.consents, in)
	return in, nil
}

func (c consents) Update(_ context.Context, subject, purpose string, fn func(*domain.Consent) error) (domain.Consent, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	at := -1
	for i, x := range c.consents {
		if x.SubjectID == subject && x.Purpose == purpose && (at < 0 || x.Live()) {
			at = i
		}
	}
	if at < 0 {
		return domain.Consent{}, errs.NotFound("NO_CONSENT", "purpose", purpose)
	}
	x := c.consents[at]
	if err := fn(&x); err != nil {
		return domain.Consent{}, err
	}
	c.consents[at] = x
	return x, nil
}

func (c consents) List(_ context.Context, subject string) ([]domain.Consent, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []domain.Consent
	for _, x := range c.consents {
		if x.SubjectID == subject {
			out = append(out, x)
		}
	}
	return out, nil
}

func (c consents) Live(_ context.Context, subject, purpose string) (bool, error) {
	list, _ := c.List(context.Background(), subject)
	return slices.ContainsFunc(list, func(x domain.Consent) bool { return x.Purpose == purpose && x.Live() }), nil
}

type disclosures struct{ *world }

func (d disclosures) Create(_ context.Context, in domain.Disclosure) (domain.Disclosure, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, x := range d.disclosures {
		if in.RequestID != "" && x.RecordedBy == in.RecordedBy && x.RequestID == in.RequestID {
			return x, nil
		}
	}
	in.ID, in.RequestedAt = uuid.NewString(), d.clock.Now()
	d.disclosures[in.ID] = in
	return in, nil
}

func (d disclosures) Get(_ context.Context, id string) (domain.Disclosure, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	x, ok := d.disclosures[id]
	if !ok {
		return x, errs.NotFound("DISCLOSURE_NOT_FOUND")
	}
	return x, nil
}

func (d disclosures) Update(ctx context.Context, id string, fn func(*domain.Disclosure) error) (domain.Disclosure, error) {
	x, err := d.Get(ctx, id)
	if err != nil {
		return x, err
	}
	if err := fn(&x); err != nil {
		return domain.Disclosure{}, err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.disclosures[id] = x
	d.appendLog(x.Audited()...)
	return x, nil
}

func (d disclosures) List(_ context.Context, page pagetoken.Page) ([]domain.Disclosure, string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []domain.Disclosure
	for _, x := range d.disclosures {
		out = append(out, x)
	}
	return out[:min(len(out), page.Size)], "", nil
}

type policies struct{ *world }

func (p policies) Publish(_ context.Context, in domain.Policy) (domain.Policy, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if x, ok := p.policies[in.Version]; ok {
		if !x.SameContent(in) {
			return x, errs.AlreadyExists("POLICY_VERSION_TAKEN", "version", in.Version)
		}
		return x, nil
	}
	in.PublishedAt = p.clock.Now()
	p.policies[in.Version] = in
	return in, nil
}

func (p policies) Get(_ context.Context, version string) (domain.Policy, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	x, ok := p.policies[version]
	if !ok {
		return x, errs.NotFound("POLICY_NOT_FOUND")
	}
	return x, nil
}

func (p policies) Current(_ context.Context, t time.Time) (domain.Policy, error) {
	list, _ := p.List(context.Background())
	for _, x := range list {
		if !x.EffectiveFrom.After(t) {
			return x, nil
		}
	}
	return domain.Policy{}, errs.NotFound("POLICY_NOT_FOUND")
}

func (p policies) List(context.Context) ([]domain.Policy, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []domain.Policy
	for _, x := range p.policies {
		out = append(out, x)
	}
	slices.SortFunc(out, func(a, b domain.Policy) int { return b.EffectiveFrom.Compare(a.EffectiveFrom) })
	return out, nil
}

type holds struct{ *world }

func (h holds) Create(_ context.Context, in domain.LegalHold) (domain.LegalHold, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	in.ID, in.PlacedAt = uuid.NewString(), h.clock.Now()
	h.holds[in.ID] = in
	return in, nil
}

func (h holds) Update(_ context.Context, subject, id string, fn func(*domain.LegalHold) error) (domain.LegalHold, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	x, ok := h.holds[id]
	if !ok || x.SubjectID != subject {
		return x, errs.NotFound("LEGAL_HOLD_NOT_FOUND")
	}
	if err := fn(&x); err != nil {
		return domain.LegalHold{}, err
	}
	h.holds[id] = x
	return x, nil
}

type subjects struct{ *world }

func (s subjects) Update(_ context.Context, id string, fn func(*domain.Subject) error) (domain.Subject, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.keys[id]; !ok {
		return domain.Subject{}, errs.NotFound("NO_PERSONAL_DATA")
	}
	subj := domain.Subject{ID: id}
	if at, ok := s.erased[id]; ok {
		subj.ErasedAt = &at
	}
	for _, h := range s.holds {
		subj.Held = subj.Held || (h.SubjectID == id && h.ReleasedAt == nil)
	}
	if err := fn(&subj); err != nil || !subj.Erasing() {
		return subj, err
	}
	s.keys[id], s.erased[id] = nil, *subj.ErasedAt
	for tok, r := range s.rows {
		if r.SubjectID == id {
			delete(s.rows, tok)
		}
	}
	s.appendLog(subj.Audited()...)
	s.events = append(s.events, subj.Events()...)
	return subj, nil
}

func (s subjects) KeyUsage(context.Context) (map[int]int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[int]int64{}
	for _, k := range s.keys {
		if k != nil {
			out[k.KEKVersion]++
		}
	}
	return out, nil
}

func (s subjects) ClaimRewrap(_ context.Context, active, limit int, rewrap func(string, *app.WrappedKey) error) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for id, k := range s.keys {
		if k == nil || k.KEKVersion == active || n == limit {
			continue
		}
		c := *k
		if err := rewrap(id, &c); err != nil {
			return n, err
		}
		s.keys[id] = &c
		n++
	}
	return n, nil
}

func (s subjects) FieldRecords(_ context.Context, field string) ([]app.SealedRecord, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []app.SealedRecord
	for _, r := range s.rows {
		if r.Field == field && s.keys[r.SubjectID] != nil {
			out = append(out, app.SealedRecord{SealedField: r, Key: s.keys[r.SubjectID]})
		}
	}
	return out, nil
}

type grants struct{ *world }

func (g grants) ForCase(_ context.Context, caseRef string, purposes ...string) ([]domain.Grant, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	var out []domain.Grant
	for _, p := range purposes {
		for _, cg := range g.cases[p+"/"+caseRef].Grants {
			gr := cg.Grant
			if p == domain.PurposePrizeDelivery && g.eventDepts[caseRef] != "" {
				gr.Department = g.eventDepts[caseRef]
			}
			out = append(out, gr)
		}
	}
	return out, nil
}

func (g grants) Update(_ context.Context, purpose, caseRef string, fn func(*domain.Case) error) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	c := g.cases[purpose+"/"+caseRef]
	c.Purpose, c.Reference, c.Grants = purpose, caseRef, slices.Clone(c.Grants)
	if err := fn(&c); err != nil {
		return err
	}
	var live []domain.CaseGrant
	for _, cg := range c.Grants {
		cg.Changed = false
		if cg.RevokedAt.IsZero() {
			live = append(live, cg)
		} else {
			g.revoked = append(g.revoked, cg)
		}
	}
	c.Grants = live
	g.cases[purpose+"/"+caseRef] = c
	return nil
}

func (g grants) SetEventDepartment(_ context.Context, eventID, department string, _ time.Time) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.eventDepts[eventID] = department
	return nil
}
