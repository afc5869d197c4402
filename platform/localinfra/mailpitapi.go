package localinfra

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// MailAddress is an address as Mailpit's API returns it.
type MailAddress struct {
	Name    string
	Address string
}

// MailSummary is one message of a listing.
type MailSummary struct {
	ID        string
	MessageID string
	From      MailAddress
	To        []MailAddress
	Subject   string
	Created   time.Time
}

// MailMessage is a delivered message as a reader sees it: decoded subject,
// text and HTML bodies.
type MailMessage struct {
	MailSummary
	Text string
	HTML string
	// Headers are the raw headers (MIME-encoded words as sent).
	Headers map[string][]string
}

// Messages lists every stored message, newest first.
func (m *Mailpit) Messages(ctx context.Context) ([]MailSummary, error) {
	return m.search(ctx, "")
}

// Search lists the messages matching a Mailpit query, e.g. "to:a@b.kr".
func (m *Mailpit) Search(ctx context.Context, query string) ([]MailSummary, error) {
	return m.search(ctx, query)
}

func (m *Mailpit) search(ctx context.Context, query string) ([]MailSummary, error) {
	var out []MailSummary
	for start := 0; ; {
		path := fmt.Sprintf("/api/v1/messages?start=%d&limit=500", start)
		if query != "" {
			path = fmt.Sprintf("/api/v1/search?start=%d&limit=500&query=%s", start, url.QueryEscape(query))
		}
		var page struct {
			Total         int `json:"total"`
			MessagesCount int `json:"messages_count"`
			Messages      []MailSummary
		}
		if err := m.api(ctx, http.MethodGet, path, nil, &page); err != nil {
			return nil, err
		}
		out = append(out, page.Messages...)
		start += len(page.Messages)
		if len(page.Messages) == 0 || start >= page.MessagesCount {
			return out, nil
		}
	}
}

// Message returns one message with its bodies and raw headers.
func (m *Mailpit) Message(ctx context.Context, id string) (MailMessage, error) {
	var msg MailMessage
	if err := m.api(ctx, http.MethodGet, "/api/v1/message/"+url.PathEscape(id), nil, &msg); err != nil {
		return msg, err
	}
	err := m.api(ctx, http.MethodGet, "/api/v1/message/"+url.PathEscape(id)+"/headers", nil, &msg.Headers)
	return msg, err
}

// DeleteAll removes every stored message.
func (m *Mailpit) DeleteAll(ctx context.Context) error {
	return m.api(ctx, http.MethodDelete, "/api/v1/messages", map[string]any{}, nil)
}

// RejectRecipients makes the SMTP server answer every recipient with code
// (e.g. 550 for a permanent, 451 for a temporary failure); 0 stops it.
func (m *Mailpit) RejectRecipients(ctx context.Context, code int) error {
	trigger := map[string]int{"ErrorCode": 451, "Probability": 0}
	if code != 0 {
		trigger = map[string]int{"ErrorCode": code, "Probability": 100}
	}
	return m.api(ctx, http.MethodPut, "/api/v1/chaos", map[string]any{"Recipient": trigger}, nil)
}

func (m *Mailpit) api(ctx context.Context, method, path string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, m.WebURL()+path, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("mailpit %s %s: %s: %s", method, path, resp.Status, b)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(b, out)
}
