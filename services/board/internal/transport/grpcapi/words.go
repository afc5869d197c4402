package grpcapi

import (
	"context"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	"github.com/seoul-gov/homepage/platform/enummap"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

var wordLists = enummap.New(map[domain.WordList]boardv1.ScreeningList{
	domain.ListProfanity:   boardv1.ScreeningList_SCREENING_LIST_PROFANITY,
	domain.ListAdvertising: boardv1.ScreeningList_SCREENING_LIST_ADVERTISING,
	domain.ListAllow:       boardv1.ScreeningList_SCREENING_LIST_ALLOW,
})

var wordActions = enummap.New(map[domain.WordAction]boardv1.ScreeningWordAction{
	domain.WordAdded:   boardv1.ScreeningWordAction_SCREENING_WORD_ACTION_ADDED,
	domain.WordRemoved: boardv1.ScreeningWordAction_SCREENING_WORD_ACTION_REMOVED,
})

// wordListFrom maps the wire list; a number outside the proto becomes a
// list the app refuses naming the field, never a default.
func wordListFrom(l boardv1.ScreeningList) domain.WordList {
	if d, ok := wordLists.From(l); ok || l == 0 {
		return d
	}
	return domain.WordList("unknown")
}

func screeningWordTo(w domain.ScreeningWord) *boardv1.ScreeningWord {
	return &boardv1.ScreeningWord{Id: w.ID, List: wordLists.To(w.List), Word: w.Word, Severity: w.Severity,
		Ground: w.Ground, WordStart: w.WordStart, Version: w.Version, CreateTime: ts(w.CreatedAt)}
}

// ListScreeningWords lists the screening words in force.
func (s *Server) ListScreeningWords(ctx context.Context, req *boardv1.ListScreeningWordsRequest) (*boardv1.ListScreeningWordsResponse, error) {
	page, err := s.app.ListScreeningWords(ctx, wordListFrom(req.GetList()), req.GetPageSize(), req.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &boardv1.ListScreeningWordsResponse{NextPageToken: page.Next, Version: page.Version}
	for _, w := range page.Words {
		out.Words = append(out.Words, screeningWordTo(w))
	}
	return out, nil
}

// CreateScreeningWord adds a word to a list.
func (s *Server) CreateScreeningWord(ctx context.Context, req *boardv1.CreateScreeningWordRequest) (*boardv1.ScreeningWord, error) {
	w, err := s.app.CreateScreeningWord(ctx, domain.ScreeningWord{List: wordListFrom(req.GetList()), Word: req.GetWord(),
		Severity: req.GetSeverity(), WordStart: req.GetWordStart()}, req.GetReason())
	if err != nil {
		return nil, err
	}
	return screeningWordTo(w), nil
}

// DeleteScreeningWord takes a word off its list.
func (s *Server) DeleteScreeningWord(ctx context.Context, req *boardv1.DeleteScreeningWordRequest) (*boardv1.DeleteScreeningWordResponse, error) {
	version, err := s.app.DeleteScreeningWord(ctx, req.GetWordId(), req.GetReason())
	if err != nil {
		return nil, err
	}
	return &boardv1.DeleteScreeningWordResponse{Version: version}, nil
}

// ListScreeningWordChanges lists the word lists' audit trail.
func (s *Server) ListScreeningWordChanges(ctx context.Context, req *boardv1.ListScreeningWordChangesRequest) (*boardv1.ListScreeningWordChangesResponse, error) {
	changes, next, err := s.app.ListScreeningWordChanges(ctx, req.GetPageSize(), req.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &boardv1.ListScreeningWordChangesResponse{NextPageToken: next}
	for _, c := range changes {
		out.Changes = append(out.Changes, &boardv1.ScreeningWordChange{Version: c.Version, Action: wordActions.To(c.Action),
			Word: screeningWordTo(c.Word), ModeratorSubject: c.ModeratorSubject, Reason: c.Reason, ChangeTime: ts(c.At)})
	}
	return out, nil
}
