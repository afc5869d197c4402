package domain

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/seoul-gov/homepage/platform/errs"
)

// Limits on editable content; anything larger is refused as bad input.
const (
	MaxTitle       = 200
	MaxSummary     = 2000
	MaxBody        = 100_000
	MaxLanguages   = 12
	MaxTags        = 20
	MaxTag         = 40
	MaxAttachments = 20
	MaxSlug        = 100
)

// Text is an item's text in one language.
type Text struct {
	Title   string
	Summary string
	Body    string
}

// Attachment is metadata of a file kept elsewhere.
type Attachment struct {
	Name      string
	URL       string
	MediaType string
	SizeBytes int64
}

// Content is what editors write: everything an update replaces.
type Content struct {
	DepartmentCode string
	Kind           Kind
	Slug           string
	Texts          map[string]Text // by normalized language tag
	Tags           []string
	Attachments    []Attachment
}

// RawTexts is texts as a request carries them: three maps keyed by
// language tags that are not validated yet.
type RawTexts struct {
	Title, Summary, Body map[string]string
}

var (
	slugPattern      = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	mediaTypePattern = regexp.MustCompile(`^[a-z]+/[a-zA-Z0-9.+-]+$`)
)

// NewContent validates raw request content, reporting every bad field, and
// returns it normalized (language tags canonical, tags lower-case, unique).
func NewContent(department string, kind Kind, slug string, raw RawTexts, tags []string, atts []Attachment) (Content, error) {
	var v errs.Violations
	ValidateDepartmentCode(&v, "department_code", department)
	switch {
	case kind == "":
		v.Add("kind", "REQUIRED")
	case !kind.Valid():
		v.Add("kind", "INVALID_ENUM")
	}
	v.Check(slug != "" && (len(slug) > MaxSlug || !slugPattern.MatchString(slug)), "slug", "SLUG")
	c := Content{DepartmentCode: department, Kind: kind, Slug: slug, Attachments: atts}
	c.Texts = validateTexts(&v, raw)
	c.Tags = validateTags(&v, tags)
	validateAttachments(&v, atts)
	if err := v.Err(); err != nil {
		return Content{}, err
	}
	return c, nil
}

func validateTexts(v *errs.Violations, raw RawTexts) map[string]Text {
	texts := map[string]Text{}
	fields := []struct {
		name string
		m    map[string]string
		max  int
		set  func(*Text, string)
	}{
		{"title", raw.Title, MaxTitle, func(t *Text, s string) { t.Title = s }},
		{"summary", raw.Summary, MaxSummary, func(t *Text, s string) { t.Summary = s }},
		{"body", raw.Body, MaxBody, func(t *Text, s string) { t.Body = s }},
	}
	for _, f := range fields {
		for _, tag := range sortedKeys(f.m) {
			lang, ok := NormalizeLanguage(tag)
			field := f.name + "." + tag
			if !ok {
				v.Add(field, "LANGUAGE_TAG")
				continue
			}
			s := strings.TrimSpace(f.m[tag])
			v.Check(utf8.RuneCountInString(s) > f.max, field, "TOO_LONG", "max", f.max)
			t := texts[lang]
			f.set(&t, s)
			texts[lang] = t
		}
	}
	for lang, t := range texts {
		if t.Title == "" && lang != Reference {
			v.Add("title."+lang, "TITLE_REQUIRED_WITH_TEXT")
		}
	}
	v.Check(texts[Reference].Title == "", "title."+Reference, "KOREAN_TITLE_REQUIRED")
	v.Check(len(texts) > MaxLanguages, "title", "TOO_MANY_LANGUAGES", "max", MaxLanguages)
	return texts
}

func validateTags(v *errs.Violations, tags []string) []string {
	v.Check(len(tags) > MaxTags, "tags", "TOO_MANY", "max", MaxTags)
	out := make([]string, 0, len(tags))
	for i, tag := range tags {
		t := strings.ToLower(strings.TrimSpace(tag))
		bad := t == "" || utf8.RuneCountInString(t) > MaxTag || strings.ContainsAny(t, ",\n\t")
		v.Check(bad, indexed("tags", i), "TAG", "max", MaxTag)
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

func validateAttachments(v *errs.Violations, atts []Attachment) {
	v.Check(len(atts) > MaxAttachments, "attachments", "TOO_MANY", "max", MaxAttachments)
	for i, a := range atts {
		f := indexed("attachments", i)
		v.Check(strings.TrimSpace(a.Name) == "" || utf8.RuneCountInString(a.Name) > 200, f+".name", "LENGTH", "min", 1, "max", 200)
		u, err := url.Parse(a.URL)
		okURL := err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" && len(a.URL) <= 2000
		v.Check(!okURL, f+".url", "URL")
		v.Check(a.MediaType != "" && !mediaTypePattern.MatchString(a.MediaType), f+".media_type", "MEDIA_TYPE")
		v.Check(a.SizeBytes < 0, f+".size_bytes", "NOT_NEGATIVE")
	}
}
