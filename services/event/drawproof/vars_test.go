package drawproof_test

import "github.com/seoul-gov/homepage/services/event/drawproof"

// Known answers for seed 00 01 02 ... 1f and entries
// 00000000-0000-4000-8000-000000000000 ... 004, prizes p1×1, p2×2. They were
// cross-checked with an independent Python implementation of the README's
// description (hashlib + hmac).
var (
	knownDigest  = "302a21fa7b1f6a4a277f500189731f1882577a18e4526507c2193a5b16d92179"
	knownWinners = []drawproof.Winner{
		{Rank: 1, EntryID: "00000000-0000-4000-8000-000000000004", PrizeID: "p1"},
		{Rank: 2, EntryID: "00000000-0000-4000-8000-000000000001", PrizeID: "p2"},
		{Rank: 3, EntryID: "00000000-0000-4000-8000-000000000003", PrizeID: "p2"},
	}
)
