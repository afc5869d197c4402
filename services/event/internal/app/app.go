package app

import (
	"crypto/rand"
	"io"

	"github.com/seoul-gov/homepage/platform/clock"
)

// App is the event service's use cases over their ports.
type App struct {
	events  ParticipationEvents
	entries Entries
	winners Winners
	budgets ProgrammeBudgets
	privacy Privacy
	random  io.Reader
	now     clock.Clock
}

// Ports are what App needs from outside.
type Ports struct {
	ParticipationEvents ParticipationEvents
	Entries             Entries
	Winners             Winners
	ProgrammeBudgets    ProgrammeBudgets
	Privacy             Privacy
	// Random is the source of draw seeds and pseudonym keys; nil is
	// crypto/rand.
	Random io.Reader
}

// Settings are the service's rules that configuration may change (none
// yet: the rules of A7 are the ordinance's).
type Settings struct{}

// New returns the use cases over p, reading the time from now
// (platform/clock: UTC microseconds, the database's precision, so what a
// call returns equals what a later read returns).
func New(p Ports, _ Settings, now clock.Clock) *App {
	random := p.Random
	if random == nil {
		random = rand.Reader
	}
	return &App{events: p.ParticipationEvents, entries: p.Entries, winners: p.Winners, budgets: p.ProgrammeBudgets,
		privacy: p.Privacy, random: random, now: clock.Or(now)}
}
