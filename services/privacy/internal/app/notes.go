package app

import "github.com/seoul-gov/homepage/platform/personaldata"

// maskNote is how a privacy officer's own words about a case — a legal
// hold's reason, a disclosure decision's reason — are kept: with personal
// data masked by the suite's shared detector (A10.1, A10.4). Even here,
// personal data is stored only encrypted, in the vault's fields and texts;
// the register names a subject by id. A requester and a legal reference
// are kept as written: they are the register's legal record of who asked
// on what basis, institutions and document numbers, not personal data.
func maskNote(s string) string { return personaldata.Mask(s).Text }
