package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/petition/internal/app"
	"github.com/seoul-gov/homepage/services/petition/internal/domain/clock"
)

// CurrentCalendar loads the newest version of the holiday table.
func (s *Store) CurrentCalendar(ctx context.Context) (*clock.Calendar, error) {
	t, err := s.HolidayTable(ctx, 0)
	if err != nil {
		return nil, err
	}
	return clock.NewCalendar(t.Version, t.From, t.To, t.Holidays)
}

// HolidayTable loads version (0: the newest).
func (s *Store) HolidayTable(ctx context.Context, version int) (app.HolidayTable, error) {
	var t app.HolidayTable
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		t, err = loadTable(ctx, tx, version, false)
		return err
	})
	return t, err
}

func loadTable(ctx context.Context, tx pgx.Tx, version int, lock bool) (app.HolidayTable, error) {
	q := `SELECT version, covers_from, covers_to, source, reason, created_by, created_at FROM holiday_tables
		WHERE $1 = 0 OR version = $1 ORDER BY version DESC LIMIT 1`
	if lock {
		q += ` FOR UPDATE`
	}
	var t app.HolidayTable
	var from, to time.Time
	err := tx.QueryRow(ctx, q, version).Scan(&t.Version, &from, &to, &t.Source, &t.Reason, &t.CreatedBy, &t.CreatedAt)
	if err == pgx.ErrNoRows {
		return t, errs.NotFound("HOLIDAY_TABLE_NOT_FOUND", "version", version)
	}
	if err != nil {
		return t, err
	}
	t.From, t.To = dateOf(from), dateOf(to)
	rows, err := tx.Query(ctx, `SELECT day, name FROM holidays WHERE version = $1`, t.Version)
	if err != nil {
		return t, err
	}
	defer rows.Close()
	t.Holidays = map[clock.Date]string{}
	for rows.Next() {
		var day time.Time
		var name string
		if err := rows.Scan(&day, &name); err != nil {
			return t, err
		}
		t.Holidays[dateOf(day)] = name
	}
	return t, rows.Err()
}

// dateOf converts a DATE column (midnight UTC) to a calendar date.
func dateOf(t time.Time) clock.Date {
	y, m, d := t.Date()
	return clock.Date{Year: y, Month: m, Day: d}
}

func dateParam(d clock.Date) string { return d.String() }

// AmendHolidayTable writes the next version built by fn. The newest row is
// locked so two admins amending at once produce versions n+1 and n+2, not
// two n+1.
func (s *Store) AmendHolidayTable(ctx context.Context, fn func(app.HolidayTable) (app.HolidayTable, error)) (app.HolidayTable, error) {
	var next app.HolidayTable
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		cur, err := loadTable(ctx, tx, 0, true)
		if err != nil {
			return err
		}
		if next, err = fn(cur); err != nil {
			return err
		}
		err = tx.QueryRow(ctx, `INSERT INTO holiday_tables (version, covers_from, covers_to, source, reason, created_by)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING created_at`, next.Version, dateParam(next.From),
			dateParam(next.To), next.Source, next.Reason, next.CreatedBy).Scan(&next.CreatedAt)
		if err != nil {
			return err
		}
		batch := &pgx.Batch{}
		for d, name := range next.Holidays {
			batch.Queue(`INSERT INTO holidays (version, day, name) VALUES ($1, $2, $3)`, next.Version, dateParam(d), name)
		}
		return tx.SendBatch(ctx, batch).Close()
	})
	return next, err
}
