package domain

import (
	"strings"
	"unicode/utf8"
)

// MaskPhone hides the middle group: 010-1234-5678 → 010-****-5678.
func MaskPhone(v string) string {
	parts := strings.Split(v, "-")
	if len(parts) != 3 {
		return maskAllButLast(v, 4)
	}
	return parts[0] + "-" + strings.Repeat("*", len(parts[1])) + "-" + parts[2]
}

// MaskEmail keeps the first character of the local part and the domain:
// hong@example.com → h***@example.com.
func MaskEmail(v string) string {
	local, domain, ok := strings.Cut(v, "@")
	if !ok || local == "" {
		return "***"
	}
	first, _ := utf8.DecodeRuneInString(local)
	return string(first) + "***@" + domain
}

// MaskAddress keeps the first two words (시·도 and 구): 서울특별시 중구
// 세종대로 110 → 서울특별시 중구 ***.
func MaskAddress(v string) string {
	words := strings.Fields(v)
	if len(words) <= 2 {
		return words[0] + " ***"
	}
	return strings.Join(words[:2], " ") + " ***"
}

func maskPostalCode(v string) string { return v[:3] + "**" }

// maskBirthDate keeps the year: 1990-05-17 → 1990-**-**.
func maskBirthDate(v string) string { return v[:4] + "-**-**" }

// MaskCardNumber keeps the last group: ****-****-****-1234.
func MaskCardNumber(v string) string { return "****-****-****-" + v[len(v)-4:] }

func maskAccountNumber(v string) string { return maskAllButLast(v, 4) }

func maskAllButLast(v string, keep int) string {
	if len(v) <= keep {
		return strings.Repeat("*", len(v))
	}
	return strings.Repeat("*", len(v)-keep) + v[len(v)-keep:]
}
