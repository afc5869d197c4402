package domain

import "time"

// Revision is one published state of an item, kept forever: who changed
// what and when, with the full content of that revision.
type Revision struct {
	Number        int
	Actor         string
	At            time.Time
	ChangedFields []string
	Note          string
	Content       Content
}
