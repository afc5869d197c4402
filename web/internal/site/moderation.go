package site

import (
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
)

// The public record of moderation (A5.0): every decision with its ground
// and reasons, and the transparency report.

type logData struct {
	Entries []*boardv1.Decision
	Next    string
	Board   *boardv1.Board
}

func (a *App) moderationLog(rq *req) error {
	q := rq.r.URL.Query()
	in := &boardv1.ListModerationDecisionsRequest{BoardId: q.Get("board"), PageSize: pageSize, PageToken: q.Get("page_token")}
	res, err := rq.api.ListModerationDecisions(rq.ctx(), in)
	if err != nil {
		return err
	}
	d := logData{Entries: res.GetDecisions(), Next: res.GetNextPageToken()}
	if in.BoardId != "" {
		b, err := rq.api.GetBoard(rq.ctx(), &boardv1.GetBoardRequest{BoardId: in.BoardId})
		if err != nil {
			return err
		}
		d.Board = b
	}
	return rq.render("moderation_log", "modlog.title", "boards", d)
}

// reportDays is the period of the transparency report.
const reportDays = 30

func (a *App) transparency(rq *req) error {
	end := time.Now()
	in := &boardv1.GetTransparencyReportRequest{StartTime: timestamppb.New(end.AddDate(0, 0, -reportDays)),
		EndTime: timestamppb.New(end), BoardId: rq.r.URL.Query().Get("board")}
	res, err := rq.api.GetTransparencyReport(rq.ctx(), in)
	if err != nil {
		return err
	}
	return rq.render("transparency", "transparency.title", "boards", res)
}
