package domain

// Urgency orders the moderation queue: the gravest evidence first. A flag
// counts with its score weighted by how grave its ground is; each distinct
// reporter adds weight (up to ten); a pending pre-moderated item has a base
// so authors do not wait forever.
func Urgency(flags []Flag, reporters int, pending bool) float64 {
	u := 0.0
	for _, f := range flags {
		u = max(u, 100*f.Score*gravity(f))
	}
	u += 10 * float64(min(reporters, 10))
	if pending {
		u += 5
	}
	return u
}

// gravity weighs grounds: national security and personal data first,
// spam last.
func gravity(f Flag) float64 {
	if f.Detector == "personal_data" {
		return 1
	}
	switch f.Ground {
	case "A5.1", "A5.4":
		return 1
	case "A5.6":
		return 0.8
	case "A5.5", "A5.8":
		return 0.6
	}
	return 0.5
}
