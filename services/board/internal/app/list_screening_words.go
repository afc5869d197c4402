package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// ScreeningWordPage is one page of a list with the lists' version.
type ScreeningWordPage struct {
	Words   []domain.ScreeningWord
	Next    string
	Version int64
}

// ListScreeningWords pages the words in force (moderators only).
func (s *App) ListScreeningWords(ctx context.Context, list domain.WordList, size int32, token string) (ScreeningWordPage, error) {
	if _, err := requireModerator(ctx); err != nil {
		return ScreeningWordPage{}, err
	}
	switch list {
	case "", domain.ListProfanity, domain.ListAdvertising, domain.ListAllow:
	default:
		return ScreeningWordPage{}, errs.Invalid("list", "NOT_ONE_OF", "allowed",
			"SCREENING_LIST_PROFANITY, SCREENING_LIST_ADVERTISING, SCREENING_LIST_ALLOW")
	}
	n, err := pageSize(size)
	if err != nil {
		return ScreeningWordPage{}, err
	}
	version, err := s.words.Version(ctx)
	if err != nil {
		return ScreeningWordPage{}, err
	}
	words, next, err := s.words.List(ctx, list, pagetoken.Page{Size: n, Token: token})
	return ScreeningWordPage{Words: words, Next: next, Version: version}, err
}
