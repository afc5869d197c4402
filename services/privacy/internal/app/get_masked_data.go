package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// MaskedView is a subject's fields masked, with their tokens.
type MaskedView struct {
	Masked map[string]string
	Tokens map[string]string
}

// GetMaskedData returns masked views of a subject's fields to callers the
// rules allow. Views by anyone other than the subject are logged.
func (a *App) GetMaskedData(ctx context.Context, subjectID string, fields []string) (MaskedView, error) {
	actor := caller(ctx)
	if err := validateFieldList(subjectID, fields); err != nil {
		return MaskedView{}, err
	}
	if err := a.admit(actor); err != nil {
		return MaskedView{}, err
	}
	if d := domain.CanViewMasked(actor, subjectID, fields); !d.Allowed {
		return MaskedView{}, a.deny(ctx, actor, "masked_view", "", "", d.Reason)
	}
	recs, err := a.Vault.SubjectRecords(ctx, subjectID, fields)
	if err != nil {
		return MaskedView{}, err
	}
	if len(recs) == 0 {
		return MaskedView{}, errs.NotFound("NO_PERSONAL_DATA")
	}
	view, names, err := a.maskRecords(ctx, subjectID, recs)
	if err != nil {
		return MaskedView{}, err
	}
	if !actor.Self(subjectID) {
		e := domain.NewAccessEntry(actor, a.now(), domain.Access{SubjectID: subjectID, Fields: names, Purpose: "masked_view", Outcome: domain.OutcomeMasked})
		if err := a.Log.Append(ctx, e); err != nil {
			return MaskedView{}, err
		}
	}
	return view, nil
}

func (a *App) maskRecords(ctx context.Context, subjectID string, recs []SealedRecord) (MaskedView, []string, error) {
	dek, err := a.dataKey(ctx, subjectID, recs[0].Key)
	if err != nil {
		return MaskedView{}, nil, err
	}
	view := MaskedView{Masked: map[string]string{}, Tokens: map[string]string{}}
	names := make([]string, 0, len(recs))
	for _, r := range recs {
		pt, err := a.open(dek, r)
		if err != nil {
			return MaskedView{}, nil, err
		}
		view.Masked[r.Field] = domain.Mask(r.Field, pt)
		view.Tokens[r.Field] = r.Token
		names = append(names, r.Field)
	}
	return view, names, nil
}

func validateFieldList(subjectID string, fields []string) error {
	var v errs.Violations
	v.Check(!domain.ValidSubjectID(subjectID), "subject_id", "SUBJECT_ID")
	for i, f := range fields {
		v.Check(!domain.KnownField(f), fmt.Sprintf("fields[%d]", i), "UNKNOWN_PERSONAL_FIELD", "known", strings.Join(domain.AllFields(), ", "))
	}
	return v.Err()
}
