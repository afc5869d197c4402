package grpcapi

import (
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	mailv1 "github.com/seoul-gov/homepage/gen/seoul/mail/v1"
	"github.com/seoul-gov/homepage/platform/localized/wire"
	"github.com/seoul-gov/homepage/services/mail/internal/domain"
)

func ts(t time.Time) *timestamppb.Timestamp {
	if t.IsZero() {
		return nil
	}
	return timestamppb.New(t)
}

// termsPB is a version with its texts served to a reader of lang (A2) and
// in every language for its editors.
func termsPB(t domain.Terms, lang string) *mailv1.Terms {
	pb := &mailv1.Terms{Version: t.Version, Title: wire.Served(t.Title, lang), TitleTexts: wire.All(t.Title),
		EffectiveTime: ts(t.EffectiveFrom), PublishTime: ts(t.PublishedAt)}
	for _, c := range t.Clauses {
		pb.Clauses = append(pb.Clauses, &mailv1.Clause{Number: c.Number, Text: wire.Served(c.Text, lang), TextTexts: wire.All(c.Text)})
	}
	return pb
}

var states = map[domain.State]mailv1.AccountState{
	domain.StateActive:    mailv1.AccountState_ACCOUNT_STATE_ACTIVE,
	domain.StateSuspended: mailv1.AccountState_ACCOUNT_STATE_SUSPENDED,
	domain.StateClosed:    mailv1.AccountState_ACCOUNT_STATE_CLOSED,
}

func accountPB(a *domain.Account, termsRequired bool) *mailv1.Account {
	kind := mailv1.AccountKind_ACCOUNT_KIND_CITIZEN
	if a.Kind == domain.KindOfficial {
		kind = mailv1.AccountKind_ACCOUNT_KIND_OFFICIAL
	}
	pb := &mailv1.Account{Id: a.ID, Kind: kind, Address: a.Address(), LocalPart: a.LocalPart, SubjectId: a.SubjectID,
		DepartmentCode: a.DepartmentCode, DisplayName: a.DisplayName, State: states[a.State],
		AcceptedTermsVersion: a.AcceptedTerms, TermsAcceptanceRequired: termsRequired,
		CreateTime: ts(a.CreatedAt), UpdateTime: ts(a.UpdatedAt), SubmissionPasswordTime: ts(a.SubmissionSetAt)}
	if s := a.Suspension; s != nil {
		pb.Suspension = &mailv1.Suspension{Clause: s.Clause, Reason: s.Reason, SuspendTime: ts(s.SuspendedAt),
			AppealStatement: s.AppealStatement, AppealTime: ts(s.AppealedAt), Decision: s.Decision,
			DecisionReason: s.DecisionReason, DecideTime: ts(s.DecidedAt)}
	}
	return pb
}

func prefsPB(list []domain.Preference) []*mailv1.Preference {
	out := make([]*mailv1.Preference, len(list))
	for i, p := range list {
		out[i] = &mailv1.Preference{Category: p.Category, Enabled: p.Enabled, Statutory: p.Statutory}
	}
	return out
}
