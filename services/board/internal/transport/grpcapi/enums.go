package grpcapi

import (
	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	"github.com/seoul-gov/homepage/platform/enummap"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// Enum tables between proto and domain, one enummap each (the inverse
// cannot drift from its table). An unspecified or unknown proto
// value maps to the zero domain value, which validation reports against
// the field (or, for board settings, means the default).

var postings = enummap.New(map[domain.PostingPolicy]boardv1.PostingPolicy{
	domain.PostingSignedIn:   boardv1.PostingPolicy_POSTING_POLICY_SIGNED_IN,
	domain.PostingCitizens:   boardv1.PostingPolicy_POSTING_POLICY_CITIZENS,
	domain.PostingDepartment: boardv1.PostingPolicy_POSTING_POLICY_DEPARTMENT,
})

var moderations = enummap.New(map[domain.ModerationMode]boardv1.ModerationMode{
	domain.ModerationPost: boardv1.ModerationMode_MODERATION_MODE_POST,
	domain.ModerationPre:  boardv1.ModerationMode_MODERATION_MODE_PRE,
})

var statuses = enummap.New(map[domain.Status]boardv1.ItemStatus{
	domain.StatusPending:   boardv1.ItemStatus_ITEM_STATUS_PENDING,
	domain.StatusVisible:   boardv1.ItemStatus_ITEM_STATUS_VISIBLE,
	domain.StatusHidden:    boardv1.ItemStatus_ITEM_STATUS_HIDDEN,
	domain.StatusRemoved:   boardv1.ItemStatus_ITEM_STATUS_REMOVED,
	domain.StatusWithdrawn: boardv1.ItemStatus_ITEM_STATUS_WITHDRAWN,
})

var targets = enummap.New(map[domain.Kind]boardv1.TargetType{
	domain.KindPost:    boardv1.TargetType_TARGET_TYPE_POST,
	domain.KindComment: boardv1.TargetType_TARGET_TYPE_COMMENT,
})

var outcomes = enummap.New(map[domain.Outcome]boardv1.Outcome{
	domain.OutcomeKeep:    boardv1.Outcome_OUTCOME_KEEP,
	domain.OutcomeHide:    boardv1.Outcome_OUTCOME_HIDE,
	domain.OutcomeRemove:  boardv1.Outcome_OUTCOME_REMOVE,
	domain.OutcomeRestore: boardv1.Outcome_OUTCOME_RESTORE,
})

var sources = enummap.New(map[domain.Source]boardv1.Source{
	domain.SourceReport:        boardv1.Source_SOURCE_REPORT,
	domain.SourceFlag:          boardv1.Source_SOURCE_FLAG,
	domain.SourceOwnInitiative: boardv1.Source_SOURCE_OWN_INITIATIVE,
	domain.SourceAppeal:        boardv1.Source_SOURCE_APPEAL,
})

var appealStatuses = enummap.New(map[domain.AppealStatus]boardv1.AppealStatus{
	domain.AppealPending:  boardv1.AppealStatus_APPEAL_STATUS_PENDING,
	domain.AppealUpheld:   boardv1.AppealStatus_APPEAL_STATUS_UPHELD,
	domain.AppealReversed: boardv1.AppealStatus_APPEAL_STATUS_REVERSED,
})

// unknown is what an enum value outside the table maps to: a value no
// domain rule accepts, so validation names the field (HTTP 400) instead of
// silently applying a default.
const unknown = "invalid"

func postingFrom(p boardv1.PostingPolicy) domain.PostingPolicy {
	return lookup(postings, p, domain.PostingPolicy(unknown))
}

func moderationFrom(m boardv1.ModerationMode) domain.ModerationMode {
	return lookup(moderations, m, domain.ModerationMode(unknown))
}

func kindFrom(t boardv1.TargetType) domain.Kind {
	k, _ := targets.From(t)
	return k
}

func sourceFrom(s boardv1.Source) domain.Source {
	return lookup(sources, s, domain.InvalidSource())
}

func appealStatusFrom(s boardv1.AppealStatus) domain.AppealStatus {
	return lookup(appealStatuses, s, domain.AppealStatus(unknown))
}

// lookup maps a proto enum value: zero (unspecified) to the domain's zero
// value, an unknown value to bad.
func lookup[D comparable, P ~int32](m enummap.Map[D, P], p P, bad D) D {
	if d, ok := m.From(p); ok || p == 0 {
		return d
	}
	return bad
}

// outcomeFrom refuses RESTORE: only an appeal restores.
func outcomeFrom(o boardv1.Outcome) domain.Outcome {
	if o == boardv1.Outcome_OUTCOME_RESTORE {
		return ""
	}
	out, _ := outcomes.From(o)
	return out
}
