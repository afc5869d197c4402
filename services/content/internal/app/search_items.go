package app

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// SearchItems finds published items by trigram similarity and substring,
// which works for Korean where word-based full-text parsing does not;
// best match first, paged stably.
func (a *App) SearchItems(ctx context.Context, q SearchQuery, p pagetoken.Page) ([]SearchHit, string, error) {
	q.Text = strings.Join(strings.Fields(q.Text), " ")
	var v errs.Violations
	n := utf8.RuneCountInString(q.Text)
	v.Check(n == 0, "query", "REQUIRED")
	v.Check(n > 200, "query", "TOO_LONG", "max", 200)
	v.Check(q.Kind != "" && !q.Kind.Valid(), "kind", "INVALID_ENUM")
	if q.Department != "" {
		domain.ValidateDepartmentCode(&v, "department_code", q.Department)
	}
	if q.Language != "" {
		lang, ok := domain.NormalizeLanguage(q.Language)
		v.Check(!ok, "language", "LANGUAGE_TAG")
		q.Language = lang
	}
	if err := v.Err(); err != nil {
		return nil, "", err
	}
	p, err := checkPage(p)
	if err != nil {
		return nil, "", err
	}
	return a.items.Search(ctx, q, p)
}
