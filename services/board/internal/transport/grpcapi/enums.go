package grpcapi

import (
	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// Enum tables between proto and domain. An unspecified or unknown proto
// value maps to the zero domain value, which validation reports against
// the field (or, for board settings, means the default).

var postingTo = map[domain.PostingPolicy]boardv1.PostingPolicy{
	domain.PostingSignedIn:   boardv1.PostingPolicy_POSTING_POLICY_SIGNED_IN,
	domain.PostingCitizens:   boardv1.PostingPolicy_POSTING_POLICY_CITIZENS,
	domain.PostingDepartment: boardv1.PostingPolicy_POSTING_POLICY_DEPARTMENT,
}

var moderationTo = map[domain.ModerationMode]boardv1.ModerationMode{
	domain.ModerationPost: boardv1.ModerationMode_MODERATION_MODE_POST,
	domain.ModerationPre:  boardv1.ModerationMode_MODERATION_MODE_PRE,
}

var statusTo = map[domain.Status]boardv1.ItemStatus{
	domain.StatusPending:   boardv1.ItemStatus_ITEM_STATUS_PENDING,
	domain.StatusVisible:   boardv1.ItemStatus_ITEM_STATUS_VISIBLE,
	domain.StatusHidden:    boardv1.ItemStatus_ITEM_STATUS_HIDDEN,
	domain.StatusRemoved:   boardv1.ItemStatus_ITEM_STATUS_REMOVED,
	domain.StatusWithdrawn: boardv1.ItemStatus_ITEM_STATUS_WITHDRAWN,
}

var targetTo = map[domain.Kind]boardv1.TargetType{
	domain.KindPost:    boardv1.TargetType_TARGET_TYPE_POST,
	domain.KindComment: boardv1.TargetType_TARGET_TYPE_COMMENT,
}

var outcomeTo = map[domain.Outcome]boardv1.Outcome{
	domain.OutcomeKeep:    boardv1.Outcome_OUTCOME_KEEP,
	domain.OutcomeHide:    boardv1.Outcome_OUTCOME_HIDE,
	domain.OutcomeRemove:  boardv1.Outcome_OUTCOME_REMOVE,
	domain.OutcomeRestore: boardv1.Outcome_OUTCOME_RESTORE,
}

var sourceTo = map[domain.Source]boardv1.Source{
	domain.SourceReport:        boardv1.Source_SOURCE_REPORT,
	domain.SourceFlag:          boardv1.Source_SOURCE_FLAG,
	domain.SourceOwnInitiative: boardv1.Source_SOURCE_OWN_INITIATIVE,
	domain.SourceAppeal:        boardv1.Source_SOURCE_APPEAL,
}

var appealStatusTo = map[domain.AppealStatus]boardv1.AppealStatus{
	domain.AppealPending:  boardv1.AppealStatus_APPEAL_STATUS_PENDING,
	domain.AppealUpheld:   boardv1.AppealStatus_APPEAL_STATUS_UPHELD,
	domain.AppealReversed: boardv1.AppealStatus_APPEAL_STATUS_REVERSED,
}

// reverse inverts an enum table.
func reverse[D comparable, P comparable](m map[D]P) map[P]D {
	out := make(map[P]D, len(m))
	for d, p := range m {
		out[p] = d
	}
	return out
}

var (
	postingFromTable    = reverse(postingTo)
	moderationFromTable = reverse(moderationTo)
	targetFromTable     = reverse(targetTo)
	outcomeFromTable    = reverse(outcomeTo)
	sourceFromTable     = reverse(sourceTo)
	appealFromTable     = reverse(appealStatusTo)
)

// unknown is what an enum value outside the table maps to: a value no
// domain rule accepts, so validation names the field (HTTP 400) instead of
// silently applying a default.
const unknown = "invalid"

func postingFrom(p boardv1.PostingPolicy) domain.PostingPolicy {
	return lookup(postingFromTable, p, domain.PostingPolicy(unknown))
}

func moderationFrom(m boardv1.ModerationMode) domain.ModerationMode {
	return lookup(moderationFromTable, m, domain.ModerationMode(unknown))
}

func kindFrom(t boardv1.TargetType) domain.Kind { return targetFromTable[t] }

func sourceFrom(s boardv1.Source) domain.Source {
	return lookup(sourceFromTable, s, domain.InvalidSource())
}

func appealStatusFrom(s boardv1.AppealStatus) domain.AppealStatus {
	return lookup(appealFromTable, s, domain.AppealStatus(unknown))
}

// lookup maps a proto enum value: zero (unspecified) to the domain's zero
// value, an unknown value to bad.
func lookup[P ~int32, D any](table map[P]D, p P, bad D) D {
	if d, ok := table[p]; ok || p == 0 {
		return d
	}
	return bad
}

// outcomeFrom refuses RESTORE: only an appeal restores.
func outcomeFrom(o boardv1.Outcome) domain.Outcome {
	if o == boardv1.Outcome_OUTCOME_RESTORE {
		return ""
	}
	return outcomeFromTable[o]
}
