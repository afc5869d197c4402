package domain

import "slices"

// changedFields names what differs between two contents, with the field
// names requests use (title.ko, body.en, tags ...), for the revision log.
func changedFields(old, c Content) []string {
	var out []string
	add := func(cond bool, name string) {
		if cond {
			out = append(out, name)
		}
	}
	add(old.DepartmentCode != c.DepartmentCode, "department_code")
	add(old.Kind != c.Kind, "kind")
	add(old.Slug != c.Slug, "slug")
	langs := map[string]bool{}
	for l := range old.Texts {
		langs[l] = true
	}
	for l := range c.Texts {
		langs[l] = true
	}
	for _, l := range sortedKeys(langs) {
		a, b := old.Texts[l], c.Texts[l]
		add(a.Title != b.Title, "title."+l)
		add(a.Summary != b.Summary, "summary."+l)
		add(a.Body != b.Body, "body."+l)
	}
	add(!slices.Equal(old.Tags, c.Tags), "tags")
	add(!slices.Equal(old.Attachments, c.Attachments), "attachments")
	return out
}

// allFields names every field set in c: the first revision changes them all.
func allFields(c Content) []string { return changedFields(Content{}, c) }

func textChanged(a, b Text) bool { return a != b }
