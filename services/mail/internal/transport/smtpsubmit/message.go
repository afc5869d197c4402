package smtpsubmit

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"

	"github.com/seoul-gov/homepage/services/mail/internal/app"
)

// Why a message is not a complaint the window can take, before the
// complaint's own rules are asked.
var (
	errAttachment = errors.New("attachments are not accepted")
	errCharset    = errors.New("unknown character set")
	errMalformed  = errors.New("malformed message")
)

// maxDepth bounds nested multiparts (a forwarded message in a message...).
const maxDepth = 5

// decode reads a submitted message as a complaint: the subject and text
// decoded from MIME (quoted-printable or base64; UTF-8, EUC-KR/CP949 and
// the other charsets browsers know), HTML-only mail turned into text, and
// any attachment refused.
func decode(r io.Reader) (app.MailComplaint, error) {
	msg, err := mail.ReadMessage(r)
	if err != nil {
		return app.MailComplaint{}, fmt.Errorf("%w: %w", errMalformed, err)
	}
	h := textproto.MIMEHeader(msg.Header)
	words := mime.WordDecoder{CharsetReader: charsetReader}
	subject, err := words.DecodeHeader(h.Get("Subject"))
	if err != nil {
		return app.MailComplaint{}, fmt.Errorf("%w: subject: %v", errCharset, err)
	}
	m := app.MailComplaint{MessageID: strings.TrimSpace(h.Get("Message-Id")), Subject: subject}
	if from, err := (&mail.AddressParser{WordDecoder: &words}).Parse(h.Get("From")); err == nil {
		m.SenderName = from.Name
	}
	plain, html, err := textOf(h, msg.Body, 0)
	if err != nil {
		return app.MailComplaint{}, err
	}
	m.Text = plain
	if strings.TrimSpace(plain) == "" {
		m.Text = htmlText(html)
	}
	return m, nil
}

// textOf returns the plain and HTML texts of a part, walking multiparts:
// of alternatives the plain one wins; anything that is not text, or is
// marked as an attachment, refuses the message.
func textOf(h textproto.MIMEHeader, body io.Reader, depth int) (plain, html string, err error) {
	if depth > maxDepth {
		return "", "", errMalformed
	}
	// A file, even a text one, is an attachment: attached or named.
	if d, dp, _ := mime.ParseMediaType(h.Get("Content-Disposition")); d == "attachment" || dp["filename"] != "" {
		return "", "", errAttachment
	}
	ct := h.Get("Content-Type")
	if ct == "" {
		ct = "text/plain; charset=us-ascii"
	}
	media, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return "", "", fmt.Errorf("%w: content type: %v", errMalformed, err)
	}
	switch {
	case strings.HasPrefix(media, "multipart/"):
		return multipartText(media, params["boundary"], body, depth)
	case media == "text/plain" || media == "text/html":
		text, err := partText(h.Get("Content-Transfer-Encoding"), params["charset"], body)
		if media == "text/html" {
			return "", text, err
		}
		return text, "", err
	}
	return "", "", errAttachment
}

func multipartText(media, boundary string, body io.Reader, depth int) (plain, html string, err error) {
	if boundary == "" {
		return "", "", fmt.Errorf("%w: multipart without boundary", errMalformed)
	}
	mr := multipart.NewReader(body, boundary)
	var plains, htmls []string
	for {
		part, err := mr.NextRawPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", "", fmt.Errorf("%w: %w", errMalformed, err)
		}
		p, h, err := textOf(part.Header, part, depth+1)
		if err != nil {
			return "", "", err
		}
		plains, htmls = appendText(plains, p), appendText(htmls, h)
		if media == "multipart/alternative" && len(plains) > 0 {
			break // the plain alternative is the one kept
		}
	}
	return strings.Join(plains, "\n\n"), strings.Join(htmls, "\n"), nil
}

func appendText(list []string, s string) []string {
	if strings.TrimSpace(s) == "" {
		return list
	}
	return append(list, s)
}

// partText undoes the transfer encoding and the character set of a part.
func partText(encoding, charset string, body io.Reader) (string, error) {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, body)
	}
	raw, err := io.ReadAll(body)
	if err != nil {
		return "", fmt.Errorf("%w: %w", errMalformed, err)
	}
	r, err := charsetReader(charset, bytes.NewReader(raw))
	if err != nil {
		return "", err
	}
	text, err := io.ReadAll(r)
	if err != nil || !utf8.Valid(text) {
		return "", fmt.Errorf("%w: %s", errCharset, charset)
	}
	return strings.ReplaceAll(string(text), "\r\n", "\n"), nil
}

// charsetAliases are names Korean mail programs use that the WHATWG
// encoding index (htmlindex) does not list; x/text's EUC-KR is CP949.
var charsetAliases = map[string]string{"cp949": "euc-kr", "ms949": "euc-kr", "x-windows-949": "euc-kr", "uhc": "euc-kr"}

// charsetReader reads input in charset as UTF-8.
func charsetReader(charset string, input io.Reader) (io.Reader, error) {
	name := strings.ToLower(strings.Trim(strings.TrimSpace(charset), `"`))
	switch name {
	case "", "us-ascii", "ascii", "utf-8", "utf8":
		return input, nil
	}
	if alias, ok := charsetAliases[name]; ok {
		name = alias
	}
	enc, err := htmlindex.Get(name)
	if err != nil {
		return nil, fmt.Errorf("%w: %s", errCharset, charset)
	}
	return enc.NewDecoder().Reader(input), nil
}
