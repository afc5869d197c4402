package view

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

//go:embed templates
var templateFS embed.FS

// Renderer holds one parsed template set per page, each the layout and
// partials plus the page's own "content".
type Renderer struct {
	pages map[string]*template.Template
}

// NewRenderer parses every page under templates/pages.
func NewRenderer() (*Renderer, error) {
	base, err := template.New("base").Funcs(funcs).ParseFS(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(templateFS, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	r := &Renderer{pages: map[string]*template.Template{}}
	for _, n := range names {
		t, err := template.Must(base.Clone()).ParseFS(templateFS, n)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", n, err)
		}
		r.pages[strings.TrimSuffix(path.Base(n), ".html")] = t
	}
	return r, nil
}

// Pages lists the page templates by name.
func (r *Renderer) Pages() []string {
	out := make([]string, 0, len(r.pages))
	for n := range r.pages {
		out = append(out, n)
	}
	return out
}

// Render writes page name with status. It renders into a buffer first, so
// a template error becomes a clean 500 and the session cookie a template
// starts (a form's CSRF token) is set before the headers go out.
func (r *Renderer) Render(w http.ResponseWriter, status int, name string, p *Page) error {
	t, ok := r.pages[name]
	if !ok {
		return fmt.Errorf("no page template %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", p.Lang)
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

// funcs are the few helpers that need no page.
var funcs = template.FuncMap{
	// lines splits text into paragraphs for <p> elements.
	"lines": func(s string) []string {
		var out []string
		for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
			if strings.TrimSpace(l) != "" {
				out = append(out, l)
			}
		}
		return out
	},
	"add": func(a, b int) int { return a + b },
	// list2 passes the page, a heading's message id and a list to a partial.
	"list2": func(p *Page, title string, list any) map[string]any {
		return map[string]any{"Page": p, "Title": title, "List": list}
	},
	// mul is a prize line's subtotal (unit value × count).
	"mul": func(a int64, b int32) int64 { return a * int64(b) },
}
