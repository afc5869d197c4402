package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// Release is what an approved request receives.
type Release struct {
	Disclosure domain.Disclosure
	Values     []Revealed
	Table      domain.Table
}

// ReleaseDisclosure produces the release of an approved entry, once.
// Identifiable values go out only for consent (checked again now) and
// bases 1 and 3, and are written to the access log in the same
// transaction as the status change; basis 2 only ever yields aggregates.
// Nothing is read for the release before the entry is found releasable.
func (a *App) ReleaseDisclosure(ctx context.Context, id string) (Release, error) {
	actor := caller(ctx)
	if err := signedIn(actor); err != nil {
		return Release{}, err
	}
	if !validUUID(id) {
		return Release{}, errs.Invalid("disclosure_id", "NOT_UUID")
	}
	d, err := a.Disclosures.Get(ctx, id)
	if err != nil {
		return Release{}, err
	}
	live, err := a.consentFor(ctx, id)
	if err != nil {
		return Release{}, err
	}
	if err := d.Releasable(actor, live); err != nil {
		return Release{}, err
	}
	rel, entries, err := a.releaseOf(ctx, actor, d)
	if err != nil {
		return Release{}, err
	}
	rel.Disclosure, err = a.Disclosures.Update(ctx, id, func(d *domain.Disclosure) error {
		if err := d.Release(actor, live, a.now()); err != nil {
			return err
		}
		d.Audit(entries...)
		return nil
	})
	if err != nil {
		return Release{}, err
	}
	return rel, nil
}

// releaseOf reads what d releases: aggregates for statistics, otherwise
// the subject's values with the access-log entries that record them.
func (a *App) releaseOf(ctx context.Context, actor domain.Actor, d domain.Disclosure) (Release, []domain.AccessEntry, error) {
	if !d.Basis.Identifiable() {
		table, err := a.statistics(ctx, d.Dimension)
		return Release{Table: table}, nil, err
	}
	recs, err := a.Vault.SubjectRecords(ctx, d.SubjectID, d.Fields)
	if err != nil {
		return Release{}, nil, err
	}
	if len(recs) == 0 {
		return Release{}, nil, errs.FailedPrecondition("NO_DATA_FOR_FIELDS")
	}
	values, err := a.decryptAll(ctx, recs)
	if err != nil {
		return Release{}, nil, err
	}
	in := RevealInput{Purpose: "disclosure:" + string(d.Basis), CaseReference: d.ID}
	return Release{Values: values}, revealEntries(actor, a.now(), recs, in, domain.OutcomeDisclosed), nil
}

// statistics decrypts the dimension's source field of every live subject
// inside the service, generalizes each value and returns only the
// suppressed aggregate: no value or subject id leaves.
func (a *App) statistics(ctx context.Context, dim domain.Dimension) (domain.Table, error) {
	recs, err := a.Subjects.FieldRecords(ctx, dim.SourceField())
	if err != nil {
		return domain.Table{}, err
	}
	values, err := a.decryptAll(ctx, recs)
	if err != nil {
		return domain.Table{}, err
	}
	now := a.now()
	labels := make([]string, 0, len(values))
	for _, v := range values {
		if l, ok := dim.Generalize(v.Value, now); ok {
			labels = append(labels, l)
		}
	}
	return domain.Aggregate(labels), nil
}
