package domain

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/localized"
)

// Redemption channels (A8.1.1–A8.1.3).
const (
	ChannelTransit       = "transit"
	ChannelLibrary       = "library"
	ChannelPublicService = "public_service"
)

// Channels are the ordinance's uses of points. A fourth use was deleted in
// 2019 and must not come back.
var Channels = []string{ChannelTransit, ChannelLibrary, ChannelPublicService}

// Personal fields a partner may need; stored only as privacy tokens.
const (
	FieldTransitCard = "transit_card_number"
	FieldAccount     = "account_number"
)

// CatalogItem is one way to redeem points.
type CatalogItem struct {
	ID      string
	Channel string
	// Name is the public name (A2: Korean and its translations).
	Name          localized.Text
	MinPoints     int64
	MaxPoints     int64
	StepPoints    int64
	RequiredField string
	Active        bool
	OrdinanceRef  string
}

var itemIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,62}$`)

// ValidItemID reports whether id is shaped like a catalog item id, so a
// malformed one is refused before any lookup.
func ValidItemID(id string) bool { return itemIDPattern.MatchString(id) }

// MaxItemName bounds each language of a catalog item's name, in bytes.
const MaxItemName = 200

// ValidateItem checks a catalog item an admin puts, but its name (made
// with LocalText from the stored item).
func ValidateItem(it CatalogItem) error {
	var v errs.Violations
	v.Check(!itemIDPattern.MatchString(it.ID), "item.item_id", "CATALOG_ITEM_ID")
	v.Check(!slices.Contains(Channels, it.Channel), "item.channel", "NOT_ONE_OF", "allowed", strings.Join(Channels, ", "))
	CheckText(&v, "item.ordinance_ref", it.OrdinanceRef, 200, false)
	v.Check(it.MinPoints < 1, "item.min_points", "NOT_POSITIVE")
	v.Check(it.MaxPoints < it.MinPoints, "item.max_points", "AT_LEAST_OTHER", "other", "min_points")
	v.Check(it.StepPoints < 1, "item.step_points", "NOT_POSITIVE")
	v.Check(it.RequiredField != "" && it.RequiredField != FieldTransitCard && it.RequiredField != FieldAccount,
		"item.required_field", "NOT_ONE_OF", "allowed", "transit_card_number, account_number")
	return v.Err()
}

// RedeemRequest is a citizen's request to spend points.
type RedeemRequest struct {
	Subject        string
	IdempotencyKey string
	ItemID         string
	Points         int64
	CardNumber     string
	AccountNumber  string
}

// Hash fingerprints the request so a reused idempotency key with a
// different request is refused rather than silently answered.
func (r RedeemRequest) Hash() string {
	h := sha256.Sum256([]byte(r.ItemID + "\x00" + strconv.FormatInt(r.Points, 10) + "\x00" +
		r.CardNumber + "\x00" + r.AccountNumber))
	return hex.EncodeToString(h[:])
}

// PersonalValue returns the field name and value the item needs.
func (r RedeemRequest) PersonalValue(it CatalogItem) (field, value string) {
	switch it.RequiredField {
	case FieldTransitCard:
		return FieldTransitCard, r.CardNumber
	case FieldAccount:
		return FieldAccount, r.AccountNumber
	}
	return "", ""
}

var (
	keyPattern     = regexp.MustCompile(`^[A-Za-z0-9._:-]{8,128}$`)
	cardPattern    = regexp.MustCompile(`^[0-9]{4}([- ]?[0-9]{4}){3}$`)
	accountPattern = regexp.MustCompile(`^[0-9][0-9 -]{6,28}[0-9]$`)
)

// ValidateRedeem checks the request's shape (item is nil when unknown).
func ValidateRedeem(r RedeemRequest, it *CatalogItem) error {
	var v errs.Violations
	v.Check(!keyPattern.MatchString(r.IdempotencyKey), "idempotency_key", "IDEMPOTENCY_KEY")
	switch {
	case r.ItemID == "":
		v.Add("item_id", "REQUIRED")
	case it == nil || !it.Active || !ValidItemID(r.ItemID):
		v.Add("item_id", "CATALOG_ITEM_INACTIVE")
	default:
		validateAmount(&v, r.Points, *it)
		field, value := r.PersonalValue(*it)
		v.Check(field == FieldTransitCard && !cardPattern.MatchString(value), "transit_card_number", "CARD_NUMBER")
		v.Check(field == FieldAccount && !accountPattern.MatchString(value), "account_number", "ACCOUNT_NUMBER")
	}
	return v.Err()
}

func validateAmount(v *errs.Violations, points int64, it CatalogItem) {
	switch {
	case points < it.MinPoints || points > it.MaxPoints:
		v.Add("points", "OUT_OF_RANGE", "min", it.MinPoints, "max", it.MaxPoints)
	case (points-it.MinPoints)%it.StepPoints != 0:
		v.Add("points", "POINTS_STEP", "min", it.MinPoints, "step", it.StepPoints)
	}
}

// RedemptionStatus is the state of a two-phase redemption.
type RedemptionStatus string

// Held points wait for the partner; confirmed ones are posted to the
// channel; voided ones went back to the citizen's lots.
const (
	RedemptionHeld      RedemptionStatus = "held"
	RedemptionConfirmed RedemptionStatus = "confirmed"
	RedemptionVoided    RedemptionStatus = "voided"
)

// Redemption is one spending of points.
type Redemption struct {
	ID               string
	Subject          string
	IdempotencyKey   string
	RequestHash      string
	ItemID           string
	Channel          string
	Points           int64
	AccountToken     string
	MaskedAccount    string
	Status           RedemptionStatus
	PartnerReference string
	FailureReason    string
	CreatedAt        time.Time
	HoldExpiresAt    time.Time
	CompletedAt      *time.Time
}
