package manifests

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
)

// Metrics is the set of series names the code exports: every collector
// registered with prometheus.New*, plus the series Prometheus derives from
// histograms (_bucket, _sum, _count) and summaries (_sum, _count).
type Metrics map[string]bool

// skipDirs are trees without the suite's own code.
var skipDirs = map[string]bool{".git": true, ".cache": true, "bin": true, "gen": true, "node_modules": true,
	"testdata": true, "tools": true}

// RegisteredMetrics reads the Go source under root (tests left out) and
// collects the name of every collector built with prometheus.New*(Opts{...}),
// the one way the suite registers metrics. A collector whose name is not a
// string constant in the literal is an error: the rules could not be
// checked against it.
func RegisteredMetrics(root string) (Metrics, error) {
	known := Metrics{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if skipDirs[d.Name()] {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		return scanFile(path, known)
	})
	return known, err
}

func scanFile(path string, known Metrics) error {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
	if err != nil {
		return err
	}
	var scanErr error
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || scanErr != nil {
			return scanErr == nil
		}
		kind, ok := collectorKind(call)
		if !ok || len(call.Args) == 0 {
			return true
		}
		name, err := optsName(call.Args[0])
		if err != nil {
			scanErr = fmt.Errorf("%s: %w", path, err)
			return false
		}
		known.add(name, kind)
		return true
	})
	return scanErr
}

// collectorKind recognises prometheus.NewCounter(Vec), NewGauge(Vec|Func),
// NewHistogram(Vec), NewSummary(Vec), NewCounterFunc.
func collectorKind(call *ast.CallExpr) (string, bool) {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return "", false
	}
	if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != "prometheus" {
		return "", false
	}
	for _, kind := range []string{"Counter", "Gauge", "Histogram", "Summary"} {
		if strings.HasPrefix(sel.Sel.Name, "New"+kind) {
			return kind, true
		}
	}
	return "", false
}

// optsName reads Namespace, Subsystem and Name from an Opts literal.
func optsName(arg ast.Expr) (string, error) {
	lit, ok := arg.(*ast.CompositeLit)
	if !ok {
		return "", fmt.Errorf("a prometheus collector's options are not a literal")
	}
	parts := map[string]string{}
	for _, e := range lit.Elts {
		kv, ok := e.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		field, _ := kv.Key.(*ast.Ident)
		if field == nil || (field.Name != "Name" && field.Name != "Namespace" && field.Name != "Subsystem") {
			continue
		}
		s, ok := kv.Value.(*ast.BasicLit)
		if !ok || s.Kind != token.STRING {
			return "", fmt.Errorf("metric %s is not a string literal", field.Name)
		}
		parts[field.Name], _ = strconv.Unquote(s.Value)
	}
	if parts["Name"] == "" {
		return "", fmt.Errorf("a prometheus collector has no Name")
	}
	var name []string
	for _, p := range []string{parts["Namespace"], parts["Subsystem"], parts["Name"]} {
		if p != "" {
			name = append(name, p)
		}
	}
	return strings.Join(name, "_"), nil
}

func (m Metrics) add(name, kind string) {
	m[name] = true
	switch kind {
	case "Histogram":
		m[name+"_bucket"], m[name+"_sum"], m[name+"_count"] = true, true, true
	case "Summary":
		m[name+"_sum"], m[name+"_count"] = true, true
	}
}
