package domain_test

import (
	"time"

	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

var start = time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)

func validDraft() domain.Draft {
	return domain.Draft{
		Purpose:        domain.PurposeCulturalEvent,
		Title:          domain.NewText(map[string]string{"ko": "서울 빛초롱 축제 퀴즈", "en": "Seoul Lantern Festival quiz"}),
		Description:    ko("축제 퀴즈에 참여하세요."),
		DepartmentCode: "SMG-CULTURE",
		EntryStartsAt:  start, EntryEndsAt: start.Add(14 * 24 * time.Hour),
		Eligibility: domain.Eligibility{RealNameRequired: true, Description: ko("서울 시민")},
		Questions: []domain.Question{
			{ID: "q1", Text: ko("축제가 열리는 곳은?"), Kind: domain.QuestionChoice, Required: true, Choices: []string{"청계천", "한강"}},
			{ID: "q2", Text: ko("한마디"), Kind: domain.QuestionText},
		},
		OperatingDetails: domain.OperatingDetails{DrawAt: start.Add(15 * 24 * time.Hour),
			DeliveryMethod: ko("모바일 상품권 발송, 마일리지 적립"), Contact: "문화정책과 02-120"},
		BudgetYear: 2026, Budget: 1_000_000,
		Prizes: []domain.Prize{
			{ID: "p1", Kind: domain.PrizeGiftCertificate, Name: ko("온누리상품권"), UnitValue: 50_000, Count: 10},
			{ID: "p2", Kind: domain.PrizeMileage, Name: ko("마일리지"), UnitValue: 5_000, Count: 100},
		},
		DrawSources: []domain.DrawSource{{ID: "lotto", Kind: domain.SourceLottery, Name: ko("연금복권720+ 제300회"),
			Reference: "https://dhlottery.co.kr/", Round: "300", AvailableAfter: start.Add(15 * 24 * time.Hour)}},
	}
}

// ko is a text in Korean only.
func ko(s string) domain.Text { return domain.NewText(map[string]string{"ko": s}) }
