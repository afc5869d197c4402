// Package compliance keeps docs/compliance.md honest: every test it names
// must exist, and every requirement ID of the ordinance must be mapped.
package compliance

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

var (
	namedTest = regexp.MustCompile("`((?:Test|Benchmark|Fuzz)[A-Za-z0-9_]+)`")
	funcDecl  = regexp.MustCompile(`(?m)^func ((?:Test|Benchmark|Fuzz)[A-Za-z0-9_]+)\(`)
	reqID     = regexp.MustCompile(`(?m)^- (A[0-9]+(?:\.[0-9]+)*)\b`)
)

func repoRoot(t *testing.T) string {
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	return root
}

func compliancePages(t *testing.T, root string) string {
	pages, err := filepath.Glob(filepath.Join(root, "docs", "compliance", "*.md"))
	require.NoError(t, err)
	pages = append(pages, filepath.Join(root, "docs", "compliance.md"))
	var all strings.Builder
	for _, p := range pages {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		all.Write(b)
	}
	return all.String()
}

func definedTests(t *testing.T, root string) map[string]bool {
	defined := map[string]bool{}
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == ".cache" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range funcDecl.FindAllStringSubmatch(string(b), -1) {
			defined[m[1]] = true
		}
		return nil
	})
	require.NoError(t, err)
	return defined
}

func TestEveryNamedTestExists(t *testing.T) {
	root := repoRoot(t)
	docs := compliancePages(t, root)
	defined := definedTests(t, root)
	var missing []string
	for _, m := range namedTest.FindAllStringSubmatch(docs, -1) {
		if !defined[m[1]] {
			missing = append(missing, m[1])
		}
	}
	require.Empty(t, missing, "tests named in docs/compliance*.md that do not exist")
}

// Every requirement ID of the ordinance appears in the matrix. The
// ordinance lives in ../shared beside the repository.
func TestEveryRequirementIsMapped(t *testing.T) {
	root := repoRoot(t)
	law, err := os.ReadFile(filepath.Join(root, "..", "shared", "ORDINANCE.md"))
	if os.IsNotExist(err) {
		t.Skip("../shared/ORDINANCE.md not present beside the repository")
	}
	require.NoError(t, err)
	docs := compliancePages(t, root)
	var missing []string
	for _, m := range reqID.FindAllStringSubmatch(string(law), -1) {
		if !mentionsID(docs, m[1]) {
			missing = append(missing, m[1])
		}
	}
	require.Empty(t, missing, "requirement IDs without a row in docs/compliance*.md")
}

// mentionsID reports whether text names the requirement id exactly: not as
// the start of a longer id ("A8.1" in "A8.1.1") nor inside another word.
// A sentence may end right after it ("… A8.1.").
func mentionsID(text, id string) bool {
	exact := regexp.MustCompile(`(?:^|[^\w.])` + regexp.QuoteMeta(id) + `(?:$|[^\w.]|\.(?:$|[^0-9]))`)
	return exact.MatchString(text)
}

func TestMentionsIDIsExact(t *testing.T) {
	for text, want := range map[string]bool{
		"| A8.1 | points |":     true,
		"(A8.1, A8.2)":          true,
		"under A8.1.":           true,
		"A8.1":                  true,
		"| A8.1.1 | transit |":  false,
		"A8.1.1–A8.1.3":         false,
		"A8.10":                 false,
		"XA8.1 and A8.1x":       false,
		"section 3.A8.1 is odd": false,
	} {
		require.Equal(t, want, mentionsID(text, "A8.1"), "%q", text)
	}
}
