// Package domain holds the petition service's entities and rules: opinions
// to the Mayor (A6.1), civil complaints and their processing under the
// Civil Petitions Act (A6.2, A3.1.3). It knows nothing of storage or
// transport; time and the holiday calendar are passed in.
package domain

import (
	"github.com/seoul-gov/homepage/services/petition/internal/domain/clock"
)

// ComplaintType is a kind of civil complaint with its statutory period.
type ComplaintType struct {
	Code       string
	NameKo     string
	NameEn     string
	Period     clock.Period
	LegalBasis string
}

// ComplaintTypes are the types the window accepts, with the periods of the
// Enforcement Decree of the Civil Petitions Act.
var ComplaintTypes = []ComplaintType{
	{"inquiry_procedure", "제도·절차 등 질의민원", "Inquiry on systems and procedures", clock.Days(7), "민원 처리에 관한 법률 시행령 제14조"},
	{"inquiry_law", "법령 해석 질의민원", "Inquiry on the interpretation of law", clock.Days(14), "민원 처리에 관한 법률 시행령 제14조"},
	{"proposal", "건의민원", "Proposal", clock.Days(14), "민원 처리에 관한 법률 시행령 제15조"},
	{"grievance", "고충민원", "Grievance", clock.Days(7), "민원 처리에 관한 법률 시행령 (고충민원의 처리)"},
	{"other", "기타민원", "Other (handled immediately)", clock.Immediately, "민원 처리에 관한 법률 시행령 (기타민원, 즉시 = 3근무시간)"},
}

// TypeByCode returns the type with code.
func TypeByCode(code string) (ComplaintType, bool) {
	for _, t := range ComplaintTypes {
		if t.Code == code {
			return t, true
		}
	}
	return ComplaintType{}, false
}

// TypeCodes lists the valid codes, for error messages.
func TypeCodes() string {
	s := ""
	for i, t := range ComplaintTypes {
		if i > 0 {
			s += ", "
		}
		s += t.Code
	}
	return s
}
