package view

import (
	"io/fs"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/reflect/protoreflect"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/web/internal/i18n"
)

var (
	literalT  = regexp.MustCompile(`\.T "([^"]+)"`)
	literalIn = regexp.MustCompile(`\$\.(?:Input|Select|Radio) "([^"$]+)" "([^"$]+)"`)
	hintFlag  = regexp.MustCompile(`"hint:([^"]+)"`)
)

// TestTemplatesNameOnlyMessagesOfTheCatalogue reads every template: each
// literal message, field label and hint must be in both languages.
func TestTemplatesNameOnlyMessagesOfTheCatalogue(t *testing.T) {
	t.Parallel()
	var ids []string
	err := fs.WalkDir(templateFS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := templateFS.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range literalT.FindAllStringSubmatch(string(src), -1) {
			ids = append(ids, m[1])
		}
		for _, m := range literalIn.FindAllStringSubmatch(string(src), -1) {
			ids = append(ids, "f."+m[1]+"."+m[2])
		}
		for _, m := range hintFlag.FindAllStringSubmatch(string(src), -1) {
			ids = append(ids, m[1])
		}
		return nil
	})
	require.NoError(t, err)
	require.Greater(t, len(ids), 300, "the templates were read")
	for _, id := range ids {
		for _, lang := range i18n.Languages {
			require.True(t, i18n.Has(lang, id), "message %q missing in %s", id, lang)
		}
	}
}

// TestEveryEnumValueHasAWord covers the enums pages show with Page.Enum.
func TestEveryEnumValueHasAWord(t *testing.T) {
	t.Parallel()
	enums := []protoreflect.EnumDescriptor{
		contentv1.Kind(0).Descriptor(), contentv1.ItemStatus(0).Descriptor(),
		boardv1.Outcome(0).Descriptor(), boardv1.ItemStatus(0).Descriptor(),
		petitionv1.ComplaintStatus(0).Descriptor(),
		eventv1.Status(0).Descriptor(), eventv1.Purpose(0).Descriptor(), eventv1.PrizeKind(0).Descriptor(),
		privacyv1.AccessOutcome(0).Descriptor(), privacyv1.LegalBasis(0).Descriptor(),
		privacyv1.DisclosureStatus(0).Descriptor(), privacyv1.StatisticDimension(0).Descriptor(),
	}
	for _, e := range enums {
		for i := range e.Values().Len() {
			id := "enum." + string(e.Values().Get(i).Name())
			for _, lang := range i18n.Languages {
				require.True(t, i18n.Has(lang, id), "%s missing in %s", id, lang)
			}
		}
	}
}

func TestEveryPageParses(t *testing.T) {
	t.Parallel()
	r, err := NewRenderer()
	require.NoError(t, err)
	require.Greater(t, len(r.Pages()), 40)
}
