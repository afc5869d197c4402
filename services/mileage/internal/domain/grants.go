package domain

import "time"

// Grant request statuses (four eyes on large manual grants).
const (
	GrantPending  = "pending"
	GrantApproved = "approved"
)

// GrantRequest is a manual grant above the approval threshold: requested
// by one official, credited only when another approves it (A8.1).
type GrantRequest struct {
	ID          string
	Subject     string
	Points      int64
	Reason      string
	RequestID   string
	RequestedBy string
	// RequesterRoles are the requester's roles, comma-separated, for the
	// audit written when the grant is credited.
	RequesterRoles string
	Department     string
	RequestedAt    time.Time
	Status         string
	ApprovedBy     string
	ApprovedAt     time.Time
	AwardID        string
}
