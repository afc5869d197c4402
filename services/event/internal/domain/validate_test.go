package domain_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

func TestValidDraft(t *testing.T) {
	t.Parallel()
	require.NoError(t, validDraft().Validate("draft"))
}

// TestDraftValidationNamesFields covers A7.1 (purposes, Korean title,
// department, period, form) and A7.2 (prize plan within the event budget).
func TestDraftValidationNamesFields(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		edit  func(d *domain.Draft)
		field string
	}{
		{"unknown purpose", func(d *domain.Draft) { d.Purpose = "lottery" }, "draft.purpose"},
		{"no Korean title", func(d *domain.Draft) { d.Title.Texts["ko"] = "" }, "draft.title.ko"},
		{"bad language tag", func(d *domain.Draft) { d.Title.Texts["Chinese!"] = "x" }, "draft.title.others.Chinese!"},
		{"no department", func(d *domain.Draft) { d.DepartmentCode = "" }, "draft.department_code"},
		{"period reversed", func(d *domain.Draft) { d.EntryEndsAt = d.EntryStartsAt }, "draft.entry_end_time"},
		{"no start", func(d *domain.Draft) { d.EntryStartsAt = time.Time{} }, "draft.entry_start_time"},
		{"choice without choices", func(d *domain.Draft) { d.Questions[0].Choices = nil }, "draft.entry_form.questions[0].choices"},
		{"question id twice", func(d *domain.Draft) { d.Questions[1].ID = "q1" }, "draft.entry_form.questions[1].id"},
		{"draw before close", func(d *domain.Draft) { d.OperatingDetails.DrawAt = d.EntryStartsAt }, "draft.operating_details.draw_time"},
		{"no delivery method", func(d *domain.Draft) { d.OperatingDetails.DeliveryMethod.Texts["ko"] = "" }, "draft.operating_details.delivery_method.ko"},
		{"no contact", func(d *domain.Draft) { d.OperatingDetails.Contact = "" }, "draft.operating_details.contact"},
		{"year out of range", func(d *domain.Draft) { d.BudgetYear = 1999 }, "draft.budget_year"},
		{"negative budget", func(d *domain.Draft) { d.Budget = -1 }, "draft.budget"},
		{"unknown prize kind", func(d *domain.Draft) { d.Prizes[0].Kind = "car" }, "draft.prizes[0].kind"},
		{"zero count", func(d *domain.Draft) { d.Prizes[1].Count = 0 }, "draft.prizes[1].count"},
		{"zero value", func(d *domain.Draft) { d.Prizes[1].UnitValue = 0 }, "draft.prizes[1].unit_value"},
		{"prize id twice", func(d *domain.Draft) { d.Prizes[1].ID = "p1" }, "draft.prizes[1].id"},
		{"plan over budget (A7.2)", func(d *domain.Draft) { d.Budget = 999_999 }, "draft.prizes"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			d := validDraft()
			c.edit(&d)
			require.Contains(t, errstest.Fields(t, d.Validate("draft")), c.field)
		})
	}
}

func TestEveryBadFieldIsReported(t *testing.T) {
	t.Parallel()
	names := errstest.Fields(t, domain.Draft{}.Validate("draft"))
	require.Subset(t, names, []string{"draft.purpose", "draft.title.ko", "draft.description.ko",
		"draft.department_code", "draft.entry_start_time", "draft.entry_end_time", "draft.budget_year"})
}

// TestProgrammeBudget covers A7.2: events of a year within the programme budget.
func TestProgrammeBudget(t *testing.T) {
	t.Parallel()
	require.NoError(t, domain.CheckProgramme(1000, 600, 400, 2026))
	require.True(t, errs.Is(domain.CheckProgramme(1000, 600, 401, 2026), errs.KindFailedPrecondition))
	require.NoError(t, domain.CheckShrink(600, 600))
	require.True(t, errs.Is(domain.CheckShrink(599, 600), errs.KindFailedPrecondition))
	require.Contains(t, errstest.Fields(t, domain.ValidateProgrammeBudget(1900, -1)), "amount")
}
