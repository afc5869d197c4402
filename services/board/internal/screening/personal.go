package screening

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/seoul-gov/homepage/platform/personaldata"
)

// Personal data in posts is found and masked by the suite's shared
// detector (platform/personaldata) before the text is stored or shown, and
// flagged for moderators (A10.1; the privacy service is the only place
// personal data may live, and a post's original is not needed for any
// work, so it is not vaulted).

// businessPattern: nationwide company numbers (1588-1234). Not personal,
// but an advertising signal.
var businessPattern = regexp.MustCompile(`1[5-9]\d{2}[-.\s]\d{4}`)

// personalData is what masking found in one text.
type personalData struct {
	masked   string
	findings []personaldata.Finding
}

func maskPersonal(text string) personalData {
	r := personaldata.Mask(text)
	return personalData{masked: r.Text, findings: r.Findings}
}

// phones are the masked views of the phone numbers found (advertising
// evidence).
func (p personalData) phones() []string {
	var out []string
	for _, f := range p.findings {
		if f.Kind == personaldata.PhoneNumber {
			out = append(out, f.Masked)
		}
	}
	return out
}

// identifying kinds identify a person or reach their money on their own;
// a finding of one scores 1, others (phone, e-mail, address) 0.7.
var identifying = []personaldata.Kind{personaldata.ResidentRegistrationNumber, personaldata.ForeignerRegistrationNumber,
	personaldata.CardNumber, personaldata.BankAccountNumber, personaldata.PassportNumber, personaldata.DriverLicenceNumber}

// personal reports masked personal data: how many of each kind, with the
// masked views as evidence (never the values).
func personal(findings []personaldata.Finding) (Finding, bool) {
	if len(findings) == 0 {
		return Finding{}, false
	}
	score := 0.7
	var ev []string
	for _, k := range personaldata.AllKinds {
		var masked []string
		for _, f := range findings {
			if f.Kind == k {
				masked = append(masked, f.Masked)
			}
		}
		if len(masked) == 0 {
			continue
		}
		if slices.Contains(identifying, k) {
			score = 1
		}
		ev = append(ev, fmt.Sprintf("%s %d건 가림: %s", kindNames[k], len(masked), strings.Join(masked, ", ")))
	}
	return Finding{Detector: DetectorPersonalData, Score: score, Evidence: strings.Join(ev, "; ")}, true
}

// kindsOf lists the distinct kinds of findings in priority order.
func kindsOf(findings []personaldata.Finding) []personaldata.Kind {
	return personaldata.Result{Findings: findings}.Kinds()
}

// kindNames are the kinds' names in the evidence moderators read (city
// officials, in Korean like the rest of their queue).
var kindNames = map[personaldata.Kind]string{
	personaldata.EmailAddress:                "전자우편 주소",
	personaldata.ResidentRegistrationNumber:  "주민등록번호",
	personaldata.ForeignerRegistrationNumber: "외국인등록번호",
	personaldata.CardNumber:                  "카드번호",
	personaldata.DriverLicenceNumber:         "운전면허번호",
	personaldata.PhoneNumber:                 "전화번호",
	personaldata.PassportNumber:              "여권번호",
	personaldata.BankAccountNumber:           "계좌번호",
	personaldata.StreetAddress:               "주소",
	personaldata.VehiclePlate:                "차량번호",
	personaldata.PersonName:                  "이름",
}
