package view

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/seoul-gov/homepage/web/internal/i18n"
)

// Form is one form's state: what the visitor typed and, after a refused
// submission, the bad fields with the edge's explanation of each. Field
// names are the API's own field paths (title, contact.phone, title.ko), so
// the edge's field violations map onto inputs without translation.
type Form struct {
	ID     string
	Values url.Values
	// Errors maps a field to its explanation; Order keeps them in the
	// order they were reported, for the summary.
	Errors map[string]string
	Order  []string
	// Message is a refusal that names no field (not enough points, a
	// change made meanwhile).
	Message string
	// Labels name fields whose labels are data (an event's questions).
	Labels map[string]string
}

// NewForm is form id holding values (nil for a fresh form).
func NewForm(id string, values url.Values) *Form {
	if values == nil {
		values = url.Values{}
	}
	return &Form{ID: id, Values: values, Errors: map[string]string{}, Labels: map[string]string{}}
}

// Fail marks field with an explanation; several explanations of one
// field are joined.
func (f *Form) Fail(field, why string) {
	if _, seen := f.Errors[field]; seen {
		f.Errors[field] = f.Errors[field] + " " + why
		return
	}
	f.Errors[field] = why
	f.Order = append(f.Order, field)
}

// Reassign moves the explanation of field onto the fields to, when the
// API names a group (answers) and the page knows which inputs it means.
func (f *Form) Reassign(field string, to []string) {
	why, ok := f.Errors[field]
	if !ok || len(to) == 0 {
		return
	}
	delete(f.Errors, field)
	f.Order = slices.DeleteFunc(f.Order, func(s string) bool { return s == field })
	for _, t := range to {
		f.Fail(t, why)
	}
}

// Failed tells whether anything is wrong with the form.
func (f *Form) Failed() bool { return len(f.Errors) > 0 || f.Message != "" }

// Get is the value of field as typed.
func (f *Form) Get(field string) string { return f.Values.Get(field) }

// Option is one choice of a select or radio group.
type Option struct {
	Value, Label string
	// Note travels as data-note for the page's script (a due date).
	Note string
}

// Field is one input as a template renders it.
type Field struct {
	Form     *Form
	ID       string
	Name     string
	Label    string
	Type     string
	Value    string
	Error    string
	Hint     string
	Required bool
	Checked  bool
	Rows     int
	Attrs    map[string]string
	Options  []Option
}

// Input describes field name of form as an input of type typ, labelled by
// the message "f.<form>.<name>" (so the error summary can name it too). Flags: "required", "hint:<message id>",
// "value:<default>", "rows:<n>", "<attribute>=<value>" (autocomplete,
// inputmode, min, max, step, maxlength ...).
func (p *Page) Input(form, name, typ string, flags ...string) Field {
	f := p.Form(form)
	fd := Field{Form: f, ID: form + "-" + name, Name: name, Label: p.label(form, name), Type: typ,
		Value: f.Get(name), Error: f.Errors[name], Rows: 6, Attrs: map[string]string{}}
	fresh := !f.Failed() && len(f.Values) == 0
	for _, fl := range flags {
		p.flag(&fd, fl, fresh)
	}
	if typ == "checkbox" {
		fd.Checked = fd.Value == "on" || fd.Value == "true"
	}
	return fd
}

func (p *Page) flag(fd *Field, fl string, fresh bool) {
	switch k, v, _ := strings.Cut(fl, ":"); {
	case fl == "required":
		fd.Required = true
	case k == "hint":
		fd.Hint = p.T(v)
	case k == "value" && fresh:
		fd.Value = v
	case k == "rows":
		fd.Rows, _ = strconv.Atoi(v)
	default:
		if name, val, ok := strings.Cut(fl, "="); ok {
			fd.Attrs[name] = val
		}
	}
}

// Select is Input for a select (or, with typ "radio", a radio group).
func (p *Page) Select(form, name string, opts []Option, flags ...string) Field {
	fd := p.Input(form, name, "select", flags...)
	fd.Options = opts
	return fd
}

// Radio is a radio group.
func (p *Page) Radio(form, name string, opts []Option, flags ...string) Field {
	fd := p.Select(form, name, opts, flags...)
	fd.Type = "radio"
	return fd
}

// Summary is the list of a refused form's problems at its top.
type Summary struct {
	Form   *Form
	Title  string
	Items  []SummaryItem
	Active bool
}

// SummaryItem links one problem to its field.
type SummaryItem struct {
	Anchor, Text string
}

// Summary describes form's problems, each line naming its field as the
// form labels it.
func (p *Page) Summary(form string) Summary {
	f := p.Form(form)
	s := Summary{Form: f, Title: p.T("form.problems"), Active: f.Failed()}
	for _, field := range f.Order {
		item := SummaryItem{Text: p.label(form, field) + ": " + f.Errors[field]}
		if p.shows(form, field) {
			item.Anchor = form + "-" + field
		}
		s.Items = append(s.Items, item)
	}
	return s
}

// label is a field's label: the message "f.<form>.<name>", else the
// field's API path (a field the form does not show, named by the edge).
func (p *Page) label(form, name string) string {
	if l, ok := p.Form(form).Labels[name]; ok {
		return l
	}
	if id, ok := labelID(form, name); ok {
		return p.T(id)
	}
	return name
}

// labelID is the message of a field's label: "f.<form>.<name>", where a
// form repeated on one page (appeal-<id>) shares the labels of its kind.
func labelID(form, name string) (string, bool) {
	kind, _, _ := strings.Cut(form, "-")
	for _, id := range []string{"f." + form + "." + name, "f." + kind + "." + name} {
		if i18n.Has(i18n.Korean, id) {
			return id, true
		}
	}
	return "", false
}

// shows tells whether the form has an input for field (it has a label).
func (p *Page) shows(form, field string) bool {
	_, ok := p.Form(form).Labels[field]
	_, known := labelID(form, field)
	return ok || known
}

// Require marks a field required when required is true (a template
// pipeline's last step: (Input ...) | $.Require .Required).
func (p *Page) Require(required bool, fd Field) Field {
	fd.Required = fd.Required || required
	return fd
}
