package grpcapi

import (
	"sort"
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
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

func boardTo(b domain.Board) *boardv1.Board {
	return &boardv1.Board{Id: b.ID, Name: b.Name, Purpose: b.Purpose, DepartmentCode: b.DepartmentCode,
		RealNameRequired: b.RealNameRequired, PostingPolicy: postingTo[b.Posting],
		ModerationMode: moderationTo[b.Moderation], CreateTime: ts(b.CreatedAt)}
}

// postTo shows a post as the caller may see it: without text when the
// view says so, with the tombstone of a removal (A5.0).
func postTo(v app.View) *boardv1.Post {
	it := v.Item
	p := &boardv1.Post{Id: it.ID, BoardId: it.BoardID, AuthorDisplay: it.AuthorDisplay, Mine: v.Mine,
		Status: statusTo[v.Status], Tombstone: tombstoneTo(v), CreateTime: ts(it.CreatedAt),
		UpdateTime: ts(it.UpdatedAt), PersonalDataMasked: it.PersonalDataMasked && v.Mine, Etag: v.Etag}
	if v.Mine {
		p.PersonalDataKinds = it.PersonalDataKinds
	}
	if v.Status == domain.StatusHidden {
		p.HiddenUntil = tsp(it.HiddenUntil)
	}
	if v.ShowText {
		p.Title, p.Body = it.Title, it.Body
	}
	return p
}

func commentTo(v app.View) *boardv1.Comment {
	it := v.Item
	c := &boardv1.Comment{Id: it.ID, PostId: it.PostID, BoardId: it.BoardID, AuthorDisplay: it.AuthorDisplay,
		Mine: v.Mine, Status: statusTo[v.Status], Tombstone: tombstoneTo(v), CreateTime: ts(it.CreatedAt),
		UpdateTime: ts(it.UpdatedAt), PersonalDataMasked: it.PersonalDataMasked && v.Mine, Etag: v.Etag}
	if v.Mine {
		c.PersonalDataKinds = it.PersonalDataKinds
	}
	if v.Status == domain.StatusHidden {
		c.HiddenUntil = tsp(it.HiddenUntil)
	}
	if v.ShowText {
		c.Body = it.Body
	}
	return c
}

func tombstoneTo(v app.View) *boardv1.Tombstone {
	d := v.Item.Removal
	if v.Status != domain.StatusRemoved || d == nil {
		return nil
	}
	return &boardv1.Tombstone{Ground: string(d.Ground), Notice: d.Ground.Notice(),
		Explanation: d.PublicExplanation, RemoveTime: ts(d.DecidedAt), DecisionId: d.ID}
}

// decisionTo renders a statement of reasons; withFacts is for moderators.
func decisionTo(d domain.Decision, withFacts bool) *boardv1.Decision {
	out := &boardv1.Decision{Id: d.ID, TargetType: targetTo[d.ItemKind], TargetId: d.ItemID, BoardId: d.BoardID,
		Outcome: outcomeTo[d.Outcome], Ground: string(d.Ground), LegalBasis: d.Ground.LegalBasis(),
		PublicExplanation: d.PublicExplanation, AutomatedDetection: d.AutomatedDetection,
		AutomatedDecision: d.AutomatedDecision, Source: sourceTo[d.Source], DecideTime: ts(d.DecidedAt),
		DepartmentCode: d.DepartmentCode, HiddenUntil: tsp(d.HiddenUntil)}
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
	q := &boardv1.QueueItem{TargetType: targetTo[it.Kind], TargetId: it.ID, BoardId: it.BoardID, PostId: it.PostID,
		Title: it.Title, Body: it.Body, Status: statusTo[e.Status], Urgency: e.Case.Urgency,
		ReportCount: int32(len(e.Reports)), OpenTime: ts(e.Case.OpenedAt), HiddenUntil: tsp(it.HiddenUntil)}
	for _, f := range e.Flags {
		q.Flags = append(q.Flags, &boardv1.Flag{Detector: f.Detector, SuggestedGround: string(f.Ground),
			Score: f.Score, Evidence: f.Evidence, CreateTime: ts(f.CreatedAt)})
	}
	for _, r := range e.Reports {
		q.Reports = append(q.Reports, &boardv1.ReportSummary{Ground: string(r.Ground), Text: r.Text, CreateTime: ts(r.CreatedAt)})
	}
	return q
}

func appealTo(v app.AppealView) *boardv1.Appeal {
	a := v.Appeal
	return &boardv1.Appeal{Id: a.ID, DecisionId: a.DecisionID, TargetType: targetTo[a.ItemKind], TargetId: a.ItemID,
		Reason: a.Reason, Status: appealStatusTo[a.Status], Resolution: a.Resolution, FileTime: ts(a.FiledAt),
		ResolveTime: tsp(a.ResolvedAt), Decision: decisionTo(v.Removal, true)}
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
