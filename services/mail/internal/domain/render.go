package domain

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"strings"
	"text/template"
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
)

// Seoul is Korea Standard Time (no daylight saving), fixed so rendering
// does not depend on the machine's time-zone database.
var Seoul = time.FixedZone("KST", 9*60*60)

// Rendered is a notice ready to send.
type Rendered struct {
	Subject string
	Text    string
	HTML    string
}

var funcs = template.FuncMap{"date": formatDate}

// formatDate shows an RFC 3339 time in Seoul time, e.g. "2026-12-05 18:00 (KST)".
func formatDate(s string) string {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return s
	}
	return t.In(Seoul).Format("2006-01-02 15:04") + " (KST)"
}

var htmlPage = htmltemplate.Must(htmltemplate.New("page").Parse(`<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8"><title>{{.Subject}}</title></head>
<body>{{range .Ko}}<p>{{.}}</p>{{end}}<hr><div lang="en">{{range .En}}<p>{{.}}</p>{{end}}</div>{{range .Footer}}<p><small>{{.}}</small></p>{{end}}</body></html>`))

// CheckParams reports every missing param of t under params.<name>.
func (t Template) CheckParams(params map[string]string) error {
	var v errs.Violations
	for _, p := range t.Params {
		v.Check(strings.TrimSpace(params[p]) == "", "params."+p, "TEMPLATE_PARAM_REQUIRED", "template", t.Name)
	}
	return v.Err()
}

// Render fills t with params: Korean first, then English, in a text and
// an HTML part; footer lines (e.g. how to unsubscribe) close both.
func (t Template) Render(params map[string]string, footer []string) (Rendered, error) {
	subjectKo, err := fill(t.Name+".subject", t.SubjectKo, params)
	if err != nil {
		return Rendered{}, err
	}
	subjectEn, err := fill(t.Name+".subject_en", t.SubjectEn, params)
	if err != nil {
		return Rendered{}, err
	}
	ko, err := fillAll(t.Name+".ko", t.Ko, params)
	if err != nil {
		return Rendered{}, err
	}
	en, err := fillAll(t.Name+".en", t.En, params)
	if err != nil {
		return Rendered{}, err
	}
	text := strings.Join(ko, "\n\n") + "\n\n----\n\n" + strings.Join(en, "\n\n")
	if len(footer) > 0 {
		text += "\n\n" + strings.Join(footer, "\n")
	}
	var html bytes.Buffer
	data := struct {
		Subject        string
		Ko, En, Footer []string
	}{subjectKo, ko, en, footer}
	if err := htmlPage.Execute(&html, data); err != nil {
		return Rendered{}, err
	}
	return Rendered{Subject: subjectKo + " / " + subjectEn, Text: text + "\n", HTML: html.String()}, nil
}

func fillAll(name string, parts []string, params map[string]string) ([]string, error) {
	out := make([]string, len(parts))
	for i, p := range parts {
		s, err := fill(name, p, params)
		if err != nil {
			return nil, err
		}
		out[i] = s
	}
	return out, nil
}

func fill(name, text string, params map[string]string) (string, error) {
	tpl, err := template.New(name).Funcs(funcs).Option("missingkey=error").Parse(text)
	if err != nil {
		return "", fmt.Errorf("template %s: %w", name, err)
	}
	var b strings.Builder
	if err := tpl.Execute(&b, params); err != nil {
		return "", fmt.Errorf("template %s: %w", name, err)
	}
	return b.String(), nil
}
