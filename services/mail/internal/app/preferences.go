package app

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strings"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/mail/internal/domain"
)

// Preferences returns the caller's categories and whether each is on.
func (a *App) Preferences(ctx context.Context) ([]domain.Preference, error) {
	c, err := identity.RequireSignedIn(ctx)
	if err != nil {
		return nil, err
	}
	return a.preferencesOf(ctx, c.Subject)
}

func (a *App) preferencesOf(ctx context.Context, subject string) ([]domain.Preference, error) {
	set, err := a.prefs.Get(ctx, subject)
	if err != nil {
		return nil, err
	}
	out := domain.Categories()
	for i, p := range out {
		if v, ok := set[p.Category]; ok && !p.Statutory {
			out[i].Enabled = v
		}
	}
	return out, nil
}

// SetPreference turns an optional category on or off for the caller;
// statutory categories cannot be turned off.
func (a *App) SetPreference(ctx context.Context, category string, enabled bool) ([]domain.Preference, error) {
	c, err := identity.RequireSignedIn(ctx)
	if err != nil {
		return nil, err
	}
	if err := domain.CheckOptOut(category, enabled); err != nil {
		return nil, err
	}
	if err := a.prefs.Set(ctx, c.Subject, category, enabled, a.now()); err != nil {
		return nil, err
	}
	return a.preferencesOf(ctx, c.Subject)
}

// Unsubscribe turns off the category a one-click token (RFC 8058) names.
// The token is the authority, so mail clients can post it without a
// sign-in; a forged or altered token is bad input.
func (a *App) Unsubscribe(ctx context.Context, token string) (string, error) {
	subject, category, ok := a.parseUnsubscribeToken(token)
	if !ok {
		return "", errs.Invalid("token", "UNSUBSCRIBE_TOKEN")
	}
	if err := domain.CheckOptOut(category, false); err != nil {
		return "", err
	}
	return category, a.prefs.Set(ctx, subject, category, false, a.now())
}

var b64 = base64.RawURLEncoding

// unsubscribeToken is subject and category with an HMAC over both.
func (a *App) unsubscribeToken(subject, category string) string {
	body := b64.EncodeToString([]byte(subject)) + "." + category
	return body + "." + b64.EncodeToString(a.mac(body))
}

func (a *App) parseUnsubscribeToken(token string) (string, string, bool) {
	i := strings.LastIndexByte(token, '.')
	if i < 0 {
		return "", "", false
	}
	body, sig := token[:i], token[i+1:]
	got, err := b64.DecodeString(sig)
	if err != nil || !hmac.Equal(got, a.mac(body)) {
		return "", "", false
	}
	enc, category, ok := strings.Cut(body, ".")
	subject, err := b64.DecodeString(enc)
	return string(subject), category, ok && err == nil && len(subject) > 0
}

func (a *App) mac(body string) []byte {
	m := hmac.New(sha256.New, a.set.UnsubscribeKey)
	m.Write([]byte("seoul.mail.v1/unsubscribe\x00" + body))
	return m.Sum(nil)
}
