package postgres

import (
	"context"
	"encoding/json"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// revisionContent is the JSON form of a revision's content, kept forever
// in item_revisions.content; its field names are a storage format, so they
// are spelled out rather than derived from Go names.
type revisionContent struct {
	DepartmentCode string             `json:"department_code"`
	Kind           string             `json:"kind"`
	Slug           string             `json:"slug,omitempty"`
	Texts          map[string]revText `json:"texts"`
	Tags           []string           `json:"tags"`
	Attachments    []attachmentRow    `json:"attachments"`
}

type revText struct {
	Title   string `json:"title"`
	Summary string `json:"summary,omitempty"`
	Body    string `json:"body,omitempty"`
}

func revisionContentOf(c domain.Content) revisionContent {
	rc := revisionContent{DepartmentCode: c.DepartmentCode, Kind: string(c.Kind), Slug: c.Slug,
		Texts: map[string]revText{}, Tags: nonNil(c.Tags), Attachments: []attachmentRow{}}
	for l, t := range c.Texts {
		rc.Texts[l] = revText(t)
	}
	for _, a := range c.Attachments {
		rc.Attachments = append(rc.Attachments, attachmentRow(a))
	}
	return rc
}

func (rc revisionContent) content() domain.Content {
	c := domain.Content{DepartmentCode: rc.DepartmentCode, Kind: domain.Kind(rc.Kind), Slug: rc.Slug,
		Texts: map[string]domain.Text{}, Tags: rc.Tags}
	for l, t := range rc.Texts {
		c.Texts[l] = domain.Text(t)
	}
	for _, a := range rc.Attachments {
		c.Attachments = append(c.Attachments, domain.Attachment(a))
	}
	return c
}

// Revisions returns an item's published revisions, oldest first.
func (r *Items) Revisions(ctx context.Context, id string) ([]domain.Revision, error) {
	rows, err := r.s.db.Query(ctx, `SELECT revision, actor, at, changed_fields, note, content
		FROM item_revisions WHERE item_id = $1 ORDER BY revision`, id)
	if err != nil {
		return nil, pg.MapError(err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Revision, error) {
		var rev domain.Revision
		var at time.Time
		var raw []byte
		if err := row.Scan(&rev.Number, &rev.Actor, &at, &rev.ChangedFields, &rev.Note, &raw); err != nil {
			return rev, err
		}
		var rc revisionContent
		if err := json.Unmarshal(raw, &rc); err != nil {
			return rev, err
		}
		rev.At, rev.Content = at, rc.content()
		return rev, nil
	})
	return out, pg.MapError(err)
}
