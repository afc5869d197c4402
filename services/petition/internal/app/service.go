package app

import (
	"time"

	"github.com/google/uuid"

	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/identity"
)

// Service is the petition service's use cases.
type Service struct {
	store       Store
	privacy     Privacy
	mayorOffice string
	now         func() time.Time
}

// New returns the use cases. mayorOffice is the department code of the
// Mayor's office staff who triage opinions and dispatch complaints; now is
// the service's clock (clock.System truncates to PostgreSQL's microseconds,
// so a time read back equals the time written; tests pass a fake one).
func New(store Store, privacy Privacy, mayorOffice string, now clock.Clock) *Service {
	return &Service{store: store, privacy: privacy, mayorOffice: mayorOffice, now: clock.Or(now)}
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
func (s *Service) isMayorOffice(c identity.Claims) bool {
	return c.Has(identity.RoleAdmin) || s.ofDepartment(c, s.mayorOffice)
}

// ofDepartment: an official of dept, or a department system acting for it.
func (s *Service) ofDepartment(c identity.Claims, dept string) bool {
	return dept != "" && c.Department == dept && c.HasAny(identity.RoleOfficial, identity.RoleService)
}

// canHandle: who may process a complaint held by dept.
func (s *Service) canHandle(c identity.Claims, dept string) bool {
	return s.isMayorOffice(c) || s.ofDepartment(c, dept)
}
