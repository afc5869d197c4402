package domain

import (
	"fmt"
	"strconv"
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
)

// Seoul is the city's time zone; budget years and cap periods follow it.
// Korea keeps no daylight saving time, so a fixed zone is exact.
var Seoul = time.FixedZone("KST", 9*60*60)

// BudgetYear is the fiscal year of an instant (the calendar year in Seoul).
func BudgetYear(t time.Time) int { return t.In(Seoul).Year() }

// AccountKind classifies ledger accounts.
type AccountKind string

// The ledger's account kinds. Citizens' accounts hold spendable points; the
// others are per budget year so the liability report can be exact.
const (
	KindCitizen    AccountKind = "citizen"
	KindIssuance   AccountKind = "issuance"
	KindHolds      AccountKind = "holds"
	KindRedemption AccountKind = "redemption"
	KindBreakage   AccountKind = "breakage"
	KindClawback   AccountKind = "clawback"
)

// Account identifies one ledger account.
type Account struct {
	Kind       AccountKind
	Subject    string // citizens only
	BudgetYear int    // system accounts
	Channel    string // redemption accounts
}

// Code is the account's stable key: citizen:<subject>, issuance:2026,
// redemption:transit:2026, ...
func (a Account) Code() string {
	switch a.Kind {
	case KindCitizen:
		return "citizen:" + a.Subject
	case KindRedemption:
		return "redemption:" + a.Channel + ":" + strconv.Itoa(a.BudgetYear)
	default:
		return string(a.Kind) + ":" + strconv.Itoa(a.BudgetYear)
	}
}

// Citizen, Issuance, Holds, RedeemedTo, Breakage and Clawback name accounts.
func Citizen(subject string) Account { return Account{Kind: KindCitizen, Subject: subject} }
func Issuance(year int) Account      { return Account{Kind: KindIssuance, BudgetYear: year} }
func Holds(year int) Account         { return Account{Kind: KindHolds, BudgetYear: year} }
func Breakage(year int) Account      { return Account{Kind: KindBreakage, BudgetYear: year} }
func Clawback(year int) Account      { return Account{Kind: KindClawback, BudgetYear: year} }
func RedeemedTo(channel string, year int) Account {
	return Account{Kind: KindRedemption, Channel: channel, BudgetYear: year}
}

// Entry moves Amount points into (positive) or out of (negative) Account.
type Entry struct {
	Account Account
	Amount  int64
}

// TxKind says why a ledger transaction was posted.
type TxKind string

// Ledger transaction kinds.
const (
	TxAward    TxKind = "award"
	TxGrant    TxKind = "grant"
	TxHold     TxKind = "hold"
	TxPost     TxKind = "redemption"
	TxVoid     TxKind = "void"
	TxExpiry   TxKind = "expiry"
	TxClawback TxKind = "clawback"
)

// Posting is one balanced ledger transaction. Entries are never changed
// afterwards; a correction is a new, reversing posting.
type Posting struct {
	ID        string
	Kind      TxKind
	Reference string // award, redemption or lot id
	Memo      string
	PostedAt  time.Time
	Entries   []Entry
}

// Add appends an entry, skipping zero amounts (an entry moves something).
func (p *Posting) Add(a Account, amount int64) {
	if amount != 0 {
		p.Entries = append(p.Entries, Entry{Account: a, Amount: amount})
	}
}

// Validate checks the double-entry rule: at least two entries, no zero
// amount, and a sum of zero. The database checks the same at commit.
func (p Posting) Validate() error {
	if len(p.Entries) < 2 {
		return fmt.Errorf("posting %s has %d entries, needs at least 2", p.ID, len(p.Entries))
	}
	var sum int64
	for _, e := range p.Entries {
		if e.Amount == 0 {
			return fmt.Errorf("posting %s has a zero entry on %s", p.ID, e.Account.Code())
		}
		sum += e.Amount
	}
	if sum != 0 {
		return fmt.Errorf("posting %s is unbalanced by %d", p.ID, sum)
	}
	return nil
}

// ErrInsufficient is returned when a citizen's spendable points do not
// cover a debit.
func ErrInsufficient(available, wanted int64) error {
	return errs.FailedPrecondition("INSUFFICIENT_POINTS", "available", available, "requested", wanted)
}
