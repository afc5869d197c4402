package domain

// PersonalData is what the shared detector (platform/personaldata) masked
// in a complaint's or an opinion's texts before they were stored (A10.1):
// the kinds found, and the privacy-vault tokens of the originals the work
// needs (A10.4). The texts themselves hold only the masked version.
type PersonalData struct {
	Kinds     []string
	Originals []Original
}

// Original is the vault token of the original of one masked text.
type Original struct {
	// Field is the text's field: "title", "body" or "location.address".
	Field string
	Token string
}

// Masked reports whether anything was masked.
func (p PersonalData) Masked() bool { return len(p.Kinds) > 0 }
