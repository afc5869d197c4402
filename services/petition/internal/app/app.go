package app

import (
	"time"

	"github.com/google/uuid"

	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/identity"
)

// App is the petition service's use cases.
type App struct {
	store       Store
	privacy     Privacy
	mayorOffice string
	now         func() time.Time
}

// Ports are what the use cases need from outside (app/ports.go).
type Ports struct {
	Store   Store
	Privacy Privacy
}

// Settings are the service's rules that configuration chooses.
type Settings struct {
	// MayorOffice is the department code of the Mayor's office staff who
	// triage opinions and dispatch complaints.
	MayorOffice string
}

// New returns the use cases over p with settings s; now is the service's
// clock (clock.System truncates to PostgreSQL's microseconds, so a time
// read back equals the time written; tests pass a fake one).
func New(p Ports, s Settings, now clock.Clock) *App {
	return &App{store: p.Store, privacy: p.Privacy, mayorOffice: s.MayorOffice, now: clock.Or(now)}
}

func newID() string { return uuid.Must(uuid.NewV7()).String() }

// actor names the caller in the audit trail.
func actor(c identity.Claims) string {
	if c.Client != "" {
		return c.Subject + " (" + c.Client + ")"
	}
	return c.Subject
}

// isMayorOffice: admins and officials (or systems) of the Mayor's office.
func (s *App) isMayorOffice(c identity.Claims) bool {
	return c.Has(identity.RoleAdmin) || s.ofDepartment(c, s.mayorOffice)
}

// ofDepartment: an official of dept, or a department system acting for it.
func (s *App) ofDepartment(c identity.Claims, dept string) bool {
	return dept != "" && c.Department == dept && c.HasAny(identity.RoleOfficial, identity.RoleService)
}

// canHandle: who may process a complaint held by dept.
func (s *App) canHandle(c identity.Claims, dept string) bool {
	return s.isMayorOffice(c) || s.ofDepartment(c, dept)
}

// Now is the service's clock, for callers comparing due times.
func (s *App) Now() time.Time { return s.now() }
