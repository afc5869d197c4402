package domain

import (
	"github.com/seoul-gov/homepage/platform/errs"
)

// ProgrammeBudget is the participation-event programme budget of a year.
type ProgrammeBudget struct {
	Year   int
	Amount int64
	// Allocated is the sum of the year's participation-event budgets.
	Allocated int64
}

// ValidateProgrammeBudget checks a programme budget request.
func ValidateProgrammeBudget(year int, amount int64) error {
	var v errs.Violations
	v.Check(year < 2000 || year > 2100, "year", "OUT_OF_RANGE", "min", 2000, "max", 2100)
	v.Check(amount < 0 || amount > 1_000_000_000_000, "amount", "OUT_OF_RANGE", "min", 0, "max", "1,000,000,000,000")
	return v.Err()
}

// CheckProgramme enforces A7.2 for a year: the participation events of the
// budget year may not together exceed the programme budget. others is the
// sum of the other events' budgets, read under the year's row lock so that
// concurrent plan changes are serialized.
func CheckProgramme(programme, others, budget int64, year int) error {
	if others+budget > programme {
		return errs.FailedPrecondition("PROGRAMME_BUDGET_EXCEEDED", "year", year, "programme", programme,
			"allocated", others, "budget", budget)
	}
	return nil
}

// CheckShrink refuses a programme budget below what is already allocated.
func CheckShrink(amount, allocated int64) error {
	if amount < allocated {
		return errs.FailedPrecondition("PROGRAMME_BUDGET_BELOW_ALLOCATED", "allocated", allocated)
	}
	return nil
}

// EventBudget is one participation event's line of the budget report.
type EventBudget struct {
	EventID        string
	TitleKo        string
	DepartmentCode string
	Status         Status
	Budget         int64
	Planned        int64
	Awarded        int64
	Delivered      int64
}

// BudgetReport is a budget year and its participation events.
type BudgetReport struct {
	Year            int
	ProgrammeBudget int64
	Events          []EventBudget
}

// Sum returns the report's totals: allocated, planned, awarded, delivered.
func (r BudgetReport) Sum() (allocated, planned, awarded, delivered int64) {
	for _, e := range r.Events {
		allocated += e.Budget
		planned += e.Planned
		awarded += e.Awarded
		delivered += e.Delivered
	}
	return
}
