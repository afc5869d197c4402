package site

import (
	"strconv"
	"strings"

	"google.golang.org/protobuf/encoding/protojson"

	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	"github.com/seoul-gov/homepage/services/event/drawproof"
	"github.com/seoul-gov/homepage/web/internal/api"
	"github.com/seoul-gov/homepage/web/internal/view"
)

// Participation events (A7): the prize plan announced before the event
// starts, entering, winners, and verifying the draw.

func (a *App) events(rq *req) error {
	res, err := rq.api.ListParticipationEvents(rq.ctx(), &eventv1.ListParticipationEventsRequest{PageSize: pageSize,
		PageToken: rq.r.URL.Query().Get("page_token")})
	if err != nil {
		return err
	}
	return rq.render("events", "events.title", "events", res)
}

type eventData struct {
	Event   *eventv1.ParticipationEvent
	Entry   *eventv1.Entry
	Winners []*eventv1.Winner
	// Questions are the entry form's questions with their choices as
	// options, in form order (answers[i] answers question i).
	Questions []question
	Open      bool
	Drawn     bool
}

type question struct {
	Index   int
	Q       *eventv1.Question
	Choices []view.Option
}

func (a *App) event(rq *req) error {
	id := rq.r.PathValue("id")
	res, err := rq.api.GetParticipationEvent(rq.ctx(), &eventv1.GetParticipationEventRequest{EventId: id})
	if err != nil {
		return err
	}
	ev := res
	form := rq.page.Form("entry")
	d := eventData{Event: ev, Open: ev.GetStatus() == eventv1.Status_STATUS_OPEN, Drawn: ev.GetStatus() == eventv1.Status_STATUS_DRAWN}
	for i, q := range ev.GetDraft().GetEntryForm().GetQuestions() {
		qu := question{Index: i, Q: q}
		form.Labels["answers["+strconv.Itoa(i)+"].value"] = rq.page.Local(q.GetText().GetKo(), q.GetText().GetEn())
		for _, c := range q.GetChoices() {
			qu.Choices = append(qu.Choices, view.Option{Value: c, Label: c})
		}
		d.Questions = append(d.Questions, qu)
	}
	if rq.user() != nil {
		// GetMyEntry answers the entry itself; not found means no entry yet.
		mine, err := rq.api.GetMyEntry(rq.ctx(), &eventv1.GetMyEntryRequest{EventId: id})
		switch {
		case err == nil:
			d.Entry = mine
		case api.StatusOf(err) != 404:
			return err
		}
	}
	if d.Drawn {
		w, err := rq.api.ListWinners(rq.ctx(), &eventv1.ListWinnersRequest{EventId: id})
		if err != nil {
			return err
		}
		d.Winners = w.GetWinners()
	}
	return rq.renderTitled("event", rq.page.Local(ev.GetDraft().GetTitle().GetKo(), ev.GetDraft().GetTitle().GetEn()), "events", d)
}

// enter enters the event: answers[i] answers the form's question i, so
// the edge's violations (answers[1].value) land on the right input.
func (a *App) enter(rq *req) error {
	id := rq.r.PathValue("id")
	res, err := rq.api.GetParticipationEvent(rq.ctx(), &eventv1.GetParticipationEventRequest{EventId: id})
	if err != nil {
		return err
	}
	f := rq.r.PostForm
	in := &eventv1.CreateEntryRequest{EventId: id,
		Contact: &eventv1.Contact{Name: f.Get("contact.name"), Phone: f.Get("contact.phone")}}
	for i, q := range res.GetDraft().GetEntryForm().GetQuestions() {
		in.Answers = append(in.Answers, &eventv1.Answer{QuestionId: q.GetId(),
			Value: strings.TrimSpace(f.Get("answers[" + strconv.Itoa(i) + "].value"))})
	}
	_, err = rq.api.CreateEntry(rq.ctx(), in)
	if form, ok := rq.refused("entry", err); ok {
		// The service refuses unanswered questions as "answers": mark the
		// required questions left empty.
		var empty []string
		for i, q := range res.GetDraft().GetEntryForm().GetQuestions() {
			if q.GetRequired() && in.GetAnswers()[i].GetValue() == "" {
				empty = append(empty, "answers["+strconv.Itoa(i)+"].value")
			}
		}
		form.Reassign("answers", empty)
		return a.event(rq)
	}
	if err != nil {
		return err
	}
	return rq.redirect("/events/"+id, rq.T("event.entered"))
}

type drawData struct {
	Event  *eventv1.ParticipationEvent
	Inputs *eventv1.DrawInputs
	Report drawproof.Report
	Drawn  bool
}

// draw verifies the draw in the web front itself with the event
// service's public verifier (drawproof): anyone can repeat it.
func (a *App) draw(rq *req) error {
	id := rq.r.PathValue("id")
	ev, err := rq.api.GetParticipationEvent(rq.ctx(), &eventv1.GetParticipationEventRequest{EventId: id})
	if err != nil {
		return err
	}
	in, err := rq.api.GetDrawInputs(rq.ctx(), &eventv1.GetDrawInputsRequest{EventId: id})
	if err != nil {
		return err
	}
	d := drawData{Event: ev, Inputs: in, Drawn: in.GetSeed() != ""}
	if d.Drawn {
		raw, err := protojson.MarshalOptions{UseProtoNames: true}.Marshal(in)
		if err != nil {
			return err
		}
		parsed, err := drawproof.DecodeInputs(raw)
		if err != nil {
			return err
		}
		d.Report = drawproof.Verify(parsed)
	}
	return rq.render("event_draw", "draw.title", "events", d)
}
