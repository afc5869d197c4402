package postgres

import (
	"encoding/json"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// itemSelect reads items with their department, texts and read-side
// figures in one round trip. Lists leave bodies out (withBody false): a
// page of results shows titles and summaries, and bodies can be large.
func itemSelect(withBody bool) string {
	if withBody {
		return "SELECT " + itemColumns + "\n\tFROM items i" + itemJoinsWithBodies
	}
	return "SELECT " + itemColumns + "\n\tFROM items i" + itemJoinsWithoutBodies
}

// itemColumns are what scanItem reads, from items i and itemJoins. The
// texts come as parallel arrays (one aggregation pass, so one order):
// PostgreSQL sends arrays in binary and pgx reads them without the
// reflection a JSON document would cost per row.
const itemColumns = `i.id::text, coalesce(i.slug, ''), i.kind, i.department_code, i.status, i.tags,
	i.attachments, i.ko_version, i.revision, i.version, i.created_by, i.created_at, i.updated_at,
	i.published_at, i.last_verified_at, i.next_review_due, i.stale_announced_at,
	d.name_ko, d.name_en, coalesce(d.parent_code, ''), d.phone, d.email,
	coalesce(v.views, 0), coalesce(f.helpful, 0), coalesce(f.not_helpful, 0),
	tx.languages, tx.titles, tx.summaries, tx.bodies, tx.based_on`

// itemJoins bring in what itemColumns reads besides items i, with every
// language's body (item reads) or without (lists: NULL bodies).
const (
	itemJoinsHead = `
	JOIN departments d ON d.code = i.department_code
	LEFT JOIN item_view_counts v ON v.item_id = i.id
	LEFT JOIN item_feedback_totals f ON f.item_id = i.id
	CROSS JOIN LATERAL (SELECT array_agg(t.language) AS languages, array_agg(t.title) AS titles,
		array_agg(t.summary) AS summaries, `
	itemJoinsTail = ` AS bodies, array_agg(t.based_on_ko) AS based_on
		FROM item_texts t WHERE t.item_id = i.id) tx`
	itemJoinsWithBodies    = itemJoinsHead + `array_agg(t.body)` + itemJoinsTail
	itemJoinsWithoutBodies = itemJoinsHead + `NULL::text[]` + itemJoinsTail
)

type attachmentRow struct {
	Name      string `json:"name"`
	URL       string `json:"url"`
	MediaType string `json:"media_type,omitempty"`
	SizeBytes int64  `json:"size_bytes,omitempty"`
}

// itemRow mirrors itemColumns.
type itemRow struct {
	id, slug, kind, department, status, createdBy string
	tags                                          []string
	attachments                                   []byte
	koVersion, revision                           int
	version                                       int64
	createdAt, updatedAt                          time.Time
	// Optional times scan into values: into *time.Time, pgx allocates
	// each through reflection on every read.
	publishedAt, verifiedAt, reviewDue, announced pgtype.Timestamptz
	dept                                          domain.Department
	views                                         int64
	fb                                            domain.FeedbackSummary
	languages, titles, summaries, bodies          []string
	basedOn                                       []int32
}

func (r *itemRow) targets() []any {
	return []any{&r.id, &r.slug, &r.kind, &r.department, &r.status, &r.tags,
		&r.attachments, &r.koVersion, &r.revision, &r.version, &r.createdBy, &r.createdAt, &r.updatedAt,
		&r.publishedAt, &r.verifiedAt, &r.reviewDue, &r.announced,
		&r.dept.NameKo, &r.dept.NameEn, &r.dept.ParentCode, &r.dept.Phone, &r.dept.Email,
		&r.views, &r.fb.Helpful, &r.fb.NotHelpful,
		&r.languages, &r.titles, &r.summaries, &r.bodies, &r.basedOn}
}

func scanItem(row pgx.CollectableRow) (*domain.Item, error) {
	var r itemRow
	if err := row.Scan(r.targets()...); err != nil {
		return nil, err
	}
	return r.item()
}

func (r *itemRow) item() (*domain.Item, error) {
	it := &domain.Item{ID: r.id, KoVersion: r.koVersion, Status: domain.Status(r.status),
		Revision: r.revision, Version: r.version, CreatedBy: r.createdBy,
		CreatedAt: r.createdAt, UpdatedAt: r.updatedAt, PublishedAt: timeOf(r.publishedAt),
		LastVerifiedAt: timeOf(r.verifiedAt), NextReviewDue: timeOf(r.reviewDue),
		StaleAnnouncedAt: timeOf(r.announced), Department: r.dept, ViewCount: r.views, Feedback: r.fb}
	it.Department.Code = r.department
	it.Content = domain.Content{DepartmentCode: r.department, Kind: domain.Kind(r.kind), Slug: r.slug, Tags: r.tags}
	atts, err := decodeAttachments(r.attachments)
	if err != nil {
		return nil, err
	}
	it.Attachments = atts
	it.Texts, it.BasedOn = make(map[string]domain.Text, len(r.languages)), make(map[string]int, len(r.languages))
	for i, lang := range r.languages {
		t := domain.Text{Title: r.titles[i], Summary: r.summaries[i]}
		if r.bodies != nil {
			t.Body = r.bodies[i]
		}
		it.Texts[lang], it.BasedOn[lang] = t, int(r.basedOn[i])
	}
	return it, nil
}

func decodeAttachments(b []byte) ([]domain.Attachment, error) {
	if string(b) == "[]" {
		return []domain.Attachment{}, nil // most items: no document to decode
	}
	var rows []attachmentRow
	if err := json.Unmarshal(b, &rows); err != nil {
		return nil, err
	}
	out := make([]domain.Attachment, len(rows))
	for i, a := range rows {
		out[i] = domain.Attachment(a)
	}
	return out, nil
}

func encodeAttachments(atts []domain.Attachment) []byte {
	rows := make([]attachmentRow, len(atts))
	for i, a := range atts {
		rows[i] = attachmentRow(a)
	}
	b, _ := json.Marshal(rows) // plain strings and ints always marshal
	return b
}

// timeOf is an optional time, zero for NULL.
func timeOf(t pgtype.Timestamptz) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time
}

func deref(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}

// nullTime stores the zero time as NULL.
func nullTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
