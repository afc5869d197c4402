package domain

import "time"

// Case is an item's entry in the moderation queue with the signals that
// brought it there: screening flags and citizens' reports (reporters are
// not named to moderators). It belongs to its item: it changes with it,
// under the item's lock.
type Case struct {
	ItemID   string
	Open     bool
	Urgency  float64
	OpenedAt time.Time
	// Flags and Reports are every signal, oldest first; new ones are
	// appended (Flag, File) and stored with the case.
	Flags   []Flag
	Reports []Report
	events  []Event
}

// Events returns what happened to the case since it was loaded.
func (c *Case) Events() []Event { return c.events }

// Flag adds screening findings and (re)opens the case. A pending item
// always gets a case, findings or not: a moderator has to let it through.
func (c *Case) Flag(it Item, flags []Flag, now time.Time) {
	if len(flags) == 0 && it.Status != StatusPending {
		return
	}
	c.Flags = append(c.Flags, flags...)
	c.reopen(it, now)
}

// File adds a person's report of the item and raises the case. A repeated
// report by the same person counts once: File returns the first one and
// false, and changes nothing.
func (c *Case) File(it Item, r Report) (Report, bool) {
	for _, prior := range c.Reports {
		if prior.ReporterSubject == r.ReporterSubject {
			return prior, false
		}
	}
	c.Reports = append(c.Reports, r)
	c.reopen(it, r.CreatedAt)
	c.events = append(c.events, ReportFiled{ReportID: r.ID, ItemID: it.ID, Kind: it.Kind, Ground: r.Ground, At: r.CreatedAt})
	return r, true
}

// Close takes the item off the queue (decided, or withdrawn by its author).
func (c *Case) Close() { c.Open = false }

// reopen recomputes the urgency from every signal and opens the case; a
// closed case reopens at now, from which time to decision counts.
func (c *Case) reopen(it Item, now time.Time) {
	if !c.Open {
		c.OpenedAt = now
	}
	c.ItemID, c.Open = it.ID, true
	c.Urgency = Urgency(c.Flags, len(c.Reports), it.Status == StatusPending)
}
