package grpcapi

import (
	"context"
	"sort"
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	typev1 "github.com/seoul-gov/homepage/gen/seoul/type/v1"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/etag"
	"github.com/seoul-gov/homepage/platform/localized"
	"github.com/seoul-gov/homepage/platform/localized/wire"
	"github.com/seoul-gov/homepage/services/board/internal/app"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

func ts(t time.Time) *timestamppb.Timestamp {
	if t.IsZero() {
		return nil
	}
	return timestamppb.New(t)
}

func tsp(t *time.Time) *timestamppb.Timestamp {
	if t == nil {
		return nil
	}
	return timestamppb.New(*t)
}

func timeOrZero(t *timestamppb.Timestamp) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.AsTime()
}

// boardTo renders a board with its name and purpose in the reader's
// language lang (A2) besides every language as written.
func boardTo(b domain.Board, lang string) *boardv1.Board {
	return &boardv1.Board{Id: b.ID, Name: domain.Ko(b.Name), Purpose: domain.Ko(b.Purpose), DepartmentCode: b.DepartmentCode,
		RealNameRequired: b.RealNameRequired, PostingPolicy: postings.To(b.Posting),
		ModerationMode: moderations.To(b.Moderation), CreateTime: ts(b.CreatedAt),
		NameTranslations: translations(b.Name), PurposeTranslations: translations(b.Purpose),
		Texts: &boardv1.BoardTexts{Name: wire.Served(b.Name, lang), Purpose: wire.Served(b.Purpose, lang)},
		Etag:  etag.Of(b.Revision), UpdateTime: ts(b.UpdatedAt)}
}

// translations are a text's languages other than Korean, as written.
func translations(t localized.Text) *typev1.LocalizedText {
	out := &typev1.LocalizedText{Texts: map[string]string{}}
	for lang, s := range t.Texts {
		if lang != localized.Reference {
			out.Texts[lang] = s
		}
	}
	return out
}

// statementTexts serves a decision's public texts to a reader of lang
// (A2): the notice and the ground's title from the catalogue, the
// explanation as the moderator gave it.
func statementTexts(d domain.Decision, lang string) *boardv1.StatementTexts {
	out := &boardv1.StatementTexts{Explanation: wire.Served(d.Explanation(), lang)}
	if d.Outcome == domain.OutcomeRemove {
		out.Notice = wire.Served(d.Ground.NoticeText(), lang)
	}
	if d.Ground != "" {
		out.GroundTitle = wire.Served(d.Ground.TitleText(), lang)
	}
	return out
}

// postTo shows a post as the caller may see it: without text when the
// view says so, with the tombstone of a removal (A5.0).
func postTo(v app.View, lang string) *boardv1.Post {
	it := v.Item
	p := &boardv1.Post{Id: it.ID, BoardId: it.BoardID, AuthorDisplay: it.AuthorDisplay, Mine: v.Mine,
		Status: statuses.To(v.Status), Tombstone: tombstoneTo(v, lang), CreateTime: ts(it.CreatedAt),
		UpdateTime: ts(it.UpdatedAt), PersonalDataMasked: it.PersonalDataMasked && v.Mine, Etag: v.Etag}
	if v.Mine {
		p.PersonalDataKinds = it.PersonalDataKinds
	}
	if v.Status == domain.StatusHidden {
		p.UnhideTime = tsp(it.HiddenUntil)
	}
	if v.ShowText {
		p.Title, p.Body = it.Title, it.Body
	}
	return p
}

func commentTo(v app.View, lang string) *boardv1.Comment {
	it := v.Item
	c := &boardv1.Comment{Id: it.ID, PostId: it.PostID, BoardId: it.BoardID, AuthorDisplay: it.AuthorDisplay,
		Mine: v.Mine, Status: statuses.To(v.Status), Tombstone: tombstoneTo(v, lang), CreateTime: ts(it.CreatedAt),
		UpdateTime: ts(it.UpdatedAt), PersonalDataMasked: it.PersonalDataMasked && v.Mine, Etag: v.Etag}
	if v.Mine {
		c.PersonalDataKinds = it.PersonalDataKinds
	}
	if v.Status == domain.StatusHidden {
		c.UnhideTime = tsp(it.HiddenUntil)
	}
	if v.ShowText {
		c.Body = it.Body
	}
	return c
}

func tombstoneTo(v app.View, lang string) *boardv1.Tombstone {
	d := v.Item.Removal
	if v.Status != domain.StatusRemoved || d == nil {
		return nil
	}
	return &boardv1.Tombstone{Ground: string(d.Ground), Notice: d.Ground.Notice(),
		Explanation: d.PublicExplanation, RemoveTime: ts(d.DecidedAt), DecisionId: d.ID, Texts: statementTexts(*d, lang)}
}

// decisionTo renders a statement of reasons; withFacts is for moderators.
func decisionTo(d domain.Decision, withFacts bool, lang string) *boardv1.Decision {
	out := &boardv1.Decision{Id: d.ID, TargetType: targets.To(d.ItemKind), TargetId: d.ItemID, BoardId: d.BoardID,
		Outcome: outcomes.To(d.Outcome), Ground: string(d.Ground), LegalBasis: d.Ground.LegalBasis(),
		PublicExplanation: d.PublicExplanation, AutomatedDetection: d.AutomatedDetection,
		AutomatedDecision: d.AutomatedDecision, Source: sources.To(d.Source), DecideTime: ts(d.DecidedAt),
		DepartmentCode: d.DepartmentCode, UnhideTime: tsp(d.HiddenUntil), Texts: statementTexts(d, lang)}
	if d.Outcome == domain.OutcomeRemove {
		out.Notice = d.Ground.Notice()
	}
	if withFacts {
		out.Facts = d.Facts
	}
	return out
}

func queueItemTo(e app.QueueEntry) *boardv1.QueueItem {
	it := e.Item
	q := &boardv1.QueueItem{TargetType: targets.To(it.Kind), TargetId: it.ID, BoardId: it.BoardID, PostId: it.PostID,
		Title: it.Title, Body: it.Body, Status: statuses.To(e.Status), Urgency: e.Case.Urgency,
		ReportCount: int32(len(e.Reports)), OpenTime: ts(e.Case.OpenedAt), UnhideTime: tsp(it.HiddenUntil)}
	for _, f := range e.Flags {
		q.Flags = append(q.Flags, &boardv1.Flag{Detector: f.Detector, SuggestedGround: string(f.Ground),
			Score: f.Score, Evidence: f.Evidence, CreateTime: ts(f.CreatedAt)})
	}
	for _, r := range e.Reports {
		q.Reports = append(q.Reports, &boardv1.ReportSummary{Ground: string(r.Ground), Text: r.Text, CreateTime: ts(r.CreatedAt)})
	}
	return q
}

func appealTo(v app.AppealView, lang string) *boardv1.Appeal {
	a := v.Appeal
	return &boardv1.Appeal{Id: a.ID, DecisionId: a.DecisionID, TargetType: targets.To(a.ItemKind), TargetId: a.ItemID,
		Reason: a.Reason, Status: appealStatuses.To(a.Status), Resolution: a.Resolution, FileTime: ts(a.FiledAt),
		ResolveTime: tsp(a.ResolvedAt), Decision: decisionTo(v.Removal, true, lang)}
}

func reportTo(r app.Report) *boardv1.TransparencyReport {
	out := &boardv1.TransparencyReport{StartTime: ts(r.From), EndTime: ts(r.To), Removals: r.Removals,
		Hides: r.Hides, Keeps: r.Keeps, ReportsFiled: r.ReportsFiled, FlagsRaised: r.FlagsRaised,
		MedianSecondsToDecision: r.MedianSecondsToDecide, AppealsFiled: r.AppealsFiled,
		AppealsDecided: r.AppealsDecided, Reversals: r.Reversals}
	if r.Decisions > 0 {
		out.AutomatedDetectionShare = float64(r.AutomatedDetections) / float64(r.Decisions)
		out.AutomatedDecisionShare = float64(r.AutomatedDecisions) / float64(r.Decisions)
	}
	grounds := make([]string, 0, len(r.RemovalsByGround))
	for g := range r.RemovalsByGround {
		grounds = append(grounds, string(g))
	}
	sort.Strings(grounds)
	for _, g := range grounds {
		out.RemovalsByGround = append(out.RemovalsByGround, &boardv1.GroundCount{Ground: g,
			LegalBasis: domain.Ground(g).LegalBasis(), Removals: r.RemovalsByGround[domain.Ground(g)]})
	}
	return out
}

// reader is the caller's language from its Accept-Language, for answers
// to RPCs without a language field.
func reader(ctx context.Context) string { return wire.ReaderLanguage(ctx, "") }

// readerLanguage is the reader's language (A2): the request's language
// field, which must be a language tag, else the call's Accept-Language.
func readerLanguage(ctx context.Context, asked string) (string, error) {
	if _, ok := localized.NormalizeLanguage(asked); asked != "" && !ok {
		return "", errs.Invalid("language", "LANGUAGE_TAG")
	}
	return wire.ReaderLanguage(ctx, asked), nil
}
