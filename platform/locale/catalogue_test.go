package locale_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/locale"
)

// Every message exists in every language with the same placeholders, so
// no caller gets a missing message or a "<no value>" in one language.
func TestCatalogueIsCompleteInEveryLanguage(t *testing.T) {
	t.Parallel()
	byLang := map[string]map[string]string{}
	paths, err := filepath.Glob("messages/*.json")
	require.NoError(t, err)
	for _, p := range paths {
		parts := strings.Split(filepath.Base(p), ".")
		raw, err := os.ReadFile(p)
		require.NoError(t, err)
		m := map[string]string{}
		require.NoError(t, json.Unmarshal(raw, &m), p)
		if byLang[parts[1]] == nil {
			byLang[parts[1]] = map[string]string{}
		}
		for k, v := range m {
			_, dup := byLang[parts[1]][k]
			require.False(t, dup, "%s: %s is defined twice", p, k)
			require.True(t, errs.IsReason(k), "%s: %s is not a reason (UPPER_SNAKE_CASE)", p, k)
			byLang[parts[1]][k] = v
		}
	}
	require.Len(t, byLang, len(locale.Languages))
	ko, en := byLang["ko"], byLang["en"]
	for k, v := range ko {
		other, ok := en[k]
		require.True(t, ok, "%s has no English message", k)
		require.Equal(t, placeholders(v), placeholders(other), "%s: placeholders differ between ko and en", k)
	}
	for k := range en {
		_, ok := ko[k]
		require.True(t, ok, "%s has no Korean message", k)
	}
}

var (
	action = regexp.MustCompile(`\{\{[^}]*\}\}`)
	field  = regexp.MustCompile(`\.(\w+)`)
)

// placeholders are the data fields a template uses, in any action
// ({{.id}}, {{if eq .kind "comment"}}).
func placeholders(s string) []string {
	var out []string
	for _, a := range action.FindAllString(s, -1) {
		for _, m := range field.FindAllStringSubmatch(a, -1) {
			out = append(out, m[1])
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// reasonArg is the position of the reason among the arguments of the
// errs constructors and of Violations.Add/Check.
var reasonArg = map[string]int{"E": 1, "Wrap": 2, "Invalid": 1, "NotFound": 0, "PermissionDenied": 0,
	"FailedPrecondition": 0, "AlreadyExists": 0, "Conflict": 0, "Unauthenticated": 0, "Unavailable": 0}

// Every reason the code gives an error or a field violation is a reason
// (not English text) and is in the catalogue in every language. It reads
// the source of every module that makes errors.
func TestEveryReasonInTheCodeIsInTheCatalogue(t *testing.T) {
	t.Parallel()
	root := filepath.Join("..", "..")
	var problems []string
	for _, dir := range []string{"platform", "services", "gateway"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			problems = append(problems, checkFile(t, path)...)
			return nil
		})
		require.NoError(t, err)
	}
	require.Empty(t, problems, "reasons that are not in the catalogue:\n%s", strings.Join(problems, "\n"))
}

func checkFile(t *testing.T, path string) []string {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, 0)
	require.NoError(t, err)
	var problems []string
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		arg := reasonArgument(call)
		switch a := arg.(type) {
		case *ast.BasicLit:
			reason, _ := strconv.Unquote(a.Value)
			if a.Kind != token.STRING || !errs.IsReason(reason) || !locale.Has(reason) {
				problems = append(problems, fset.Position(a.Pos()).String()+": "+a.Value)
			}
		case *ast.CallExpr, *ast.BinaryExpr:
			// A reason is a constant: text computed at run time is a message
			// that no catalogue can translate.
			problems = append(problems, fset.Position(arg.Pos()).String()+": a computed reason")
		}
		return true
	})
	return problems
}

// reasonArgument finds the reason argument of errs.X(...) and of
// v.Add/v.Check(...) on a Violations named v or vs.
func reasonArgument(call *ast.CallExpr) ast.Expr {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	recv, ok := sel.X.(*ast.Ident)
	if !ok {
		return nil
	}
	i := -1
	switch {
	case recv.Name == "errs":
		if pos, known := reasonArg[sel.Sel.Name]; known {
			i = pos
		}
	case recv.Name == "v" || recv.Name == "vs":
		if pos, known := map[string]int{"Add": 1, "Check": 2}[sel.Sel.Name]; known {
			i = pos
		}
	}
	if i < 0 || i >= len(call.Args) {
		return nil
	}
	return call.Args[i]
}
