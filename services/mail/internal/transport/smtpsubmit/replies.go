package smtpsubmit

import (
	"errors"
	"fmt"
	"strings"

	"github.com/emersion/go-smtp"

	"github.com/seoul-gov/homepage/platform/errs"
)

// reply is an SMTP reply in Korean, then English, on two lines.
func reply(code int, enh smtp.EnhancedCode, ko, en string) *smtp.SMTPError {
	return &smtp.SMTPError{Code: code, EnhancedCode: enh, Message: ko + "\n" + en}
}

// The replies a citizen's mail program shows them.
var (
	errAuthRequired = reply(530, smtp.EnhancedCode{5, 7, 0},
		"먼저 전자우편 아이디와 민원 제출용 비밀번호로 인증하십시오.",
		"Authenticate first, with your e-mail ID and its complaint submission password.")
	errTLSRequired = reply(538, smtp.EnhancedCode{5, 7, 11},
		"STARTTLS로 암호화한 뒤에 인증하십시오.",
		"Encryption is required: use STARTTLS before authenticating.")
	errAuthFailed = reply(535, smtp.EnhancedCode{5, 7, 8},
		"아이디 또는 민원 제출용 비밀번호가 맞지 않습니다.",
		"Wrong e-mail ID or complaint submission password.")
	errTooManyFailures = reply(421, smtp.EnhancedCode{4, 7, 0},
		"인증에 여러 번 실패하여 연결을 끊습니다.",
		"Too many failed authentications; closing the connection.")
	errNoText = reply(550, smtp.EnhancedCode{5, 6, 0},
		"민원 내용이 없습니다. 본문에 민원을 적어 다시 보내 주십시오. 접수되지 않았습니다.",
		"The message has no text: write your complaint in the body and send it again. Nothing was filed.")
	errTooLong = reply(552, smtp.EnhancedCode{5, 3, 4},
		"민원이 너무 깁니다(제목 200자, 본문 10,000자까지). 접수되지 않았습니다.",
		"The complaint is too long (at most 200 characters of subject, 10,000 of text). Nothing was filed.")
	errAttachmentReply = reply(554, smtp.EnhancedCode{5, 6, 1},
		"첨부 파일은 받지 않습니다. 내용을 본문에 적어 다시 보내 주십시오. 접수되지 않았습니다.",
		"Attachments are not accepted: write your complaint in the body and send it again. Nothing was filed.")
	errCharsetReply = reply(554, smtp.EnhancedCode{5, 6, 3},
		"알 수 없는 문자 인코딩입니다. UTF-8로 다시 보내 주십시오. 접수되지 않았습니다.",
		"Unknown character set: send it again in UTF-8. Nothing was filed.")
	errMalformedReply = reply(550, smtp.EnhancedCode{5, 6, 0},
		"메일 형식을 읽을 수 없습니다. 접수되지 않았습니다.",
		"The message could not be read. Nothing was filed.")
	errTryLater = reply(451, smtp.EnhancedCode{4, 3, 0},
		"지금은 민원을 접수할 수 없습니다. 잠시 후 다시 보내 주십시오.",
		"Complaints cannot be received right now; please send it again later.")
)

func errNotYourID(address string) *smtp.SMTPError {
	return reply(550, smtp.EnhancedCode{5, 7, 1},
		"보내는 사람은 인증한 아이디 "+address+" 이어야 합니다. 접수되지 않았습니다.",
		"The sender must be the ID you authenticated as, "+address+". Nothing was filed.")
}

func errNotComplaintAddress(address string) *smtp.SMTPError {
	return reply(550, smtp.EnhancedCode{5, 1, 1},
		"이 서버는 민원 접수 주소 "+address+" 로 보내는 메일만 받습니다.",
		"This server accepts mail for the complaint address "+address+" only.")
}

func errTooBig(max int64) *smtp.SMTPError {
	return reply(552, smtp.EnhancedCode{5, 3, 4},
		fmt.Sprintf("메일이 너무 큽니다(%d바이트까지). 접수되지 않았습니다.", max),
		fmt.Sprintf("The message is too big (at most %d bytes). Nothing was filed.", max))
}

func accepted(receipt string) *smtp.SMTPError {
	return reply(250, smtp.EnhancedCode{2, 0, 0},
		"민원이 접수되었습니다. 접수번호 "+receipt+" (접수 안내를 메일로 보내 드립니다)",
		"Your complaint was received, receipt number "+receipt+" (a confirmation follows by mail)")
}

// idState explains why an ID cannot file now (suspended, closed, the
// terms in force not accepted, not a citizen's).
func idState(err error) *smtp.SMTPError {
	var e *errs.Error
	errors.As(err, &e)
	ko, en := "아이디를 이용할 수 없는 상태입니다", "the ID is not active"
	switch e.Reason {
	case "TERMS_MUST_BE_ACCEPTED":
		ko, en = "바뀐 이용약관에 먼저 동의하십시오", "accept the new terms of the service first"
	case "SUBMISSION_CITIZENS_ONLY":
		ko, en = "시민의 아이디만 민원을 낼 수 있습니다", "only citizens' IDs file complaints"
	}
	return reply(550, smtp.EnhancedCode{5, 7, 1}, "이 아이디로는 지금 민원을 낼 수 없습니다: "+ko+". 접수되지 않았습니다.",
		"This ID cannot file complaints now: "+en+". Nothing was filed.")
}

// refused is the reply to what the complaint window refused as bad input,
// naming the fields.
func refused(e *errs.Error) *smtp.SMTPError {
	for _, v := range e.Violations {
		switch {
		case v.Field == "body" && v.Reason == "REQUIRED":
			return errNoText
		case v.Reason == "TOO_LONG":
			return errTooLong
		}
	}
	var fields []string
	for _, v := range e.Violations {
		fields = append(fields, v.Field)
	}
	return reply(550, smtp.EnhancedCode{5, 6, 0},
		"민원을 접수할 수 없습니다("+strings.Join(fields, ", ")+"). 접수되지 않았습니다.",
		"The complaint was refused ("+strings.Join(fields, ", ")+"). Nothing was filed.")
}
