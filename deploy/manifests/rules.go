package manifests

import (
	"io"
	"log/slog"
	"sort"

	"github.com/prometheus/common/model"
	"github.com/prometheus/prometheus/model/labels"
	"github.com/prometheus/prometheus/model/rulefmt"
	"github.com/prometheus/prometheus/promql/parser"
	"sigs.k8s.io/yaml"
)

var promql = parser.NewParser(parser.Options{})

// checkRules: every PrometheusRule is a valid Prometheus rule file (the
// rule format's own parser: known fields only, PromQL that parses, valid
// templates), every alert says how bad it is and what happened, and every
// metric it uses is one the code exports.
func checkRules(ix *index, known Metrics) []Problem {
	var ps []Problem
	for _, o := range ix.objs {
		pr, ok := o.Typed.(*PrometheusRule)
		if !ok {
			continue
		}
		ps = append(ps, ruleFileProblems(o, pr)...)
		for _, g := range pr.Spec.Groups {
			for _, r := range g.Rules {
				ps = append(ps, ruleProblems(o, r, known)...)
			}
		}
	}
	return ps
}

// ruleFileProblems parses the rule groups as Prometheus loads a rule file.
func ruleFileProblems(o Object, pr *PrometheusRule) []Problem {
	content, err := yaml.Marshal(struct {
		Groups []RuleGroup `json:"groups"`
	}{pr.Spec.Groups})
	if err != nil {
		return []Problem{problemf(o, "%v", err)}
	}
	_, errs := rulefmt.Parse(content, false, model.UTF8Validation, promql, slog.New(slog.NewTextHandler(io.Discard, nil)))
	var ps []Problem
	for _, err := range errs {
		ps = append(ps, problemf(o, "rule file: %v", err))
	}
	return ps
}

func ruleProblems(o Object, r Rule, known Metrics) []Problem {
	var ps []Problem
	name := r.Alert + r.Record
	if r.Alert != "" {
		if r.Labels["severity"] == "" {
			ps = append(ps, problemf(o, "alert %s has no severity label", name))
		}
		if r.Annotations["summary"] == "" || r.Annotations["description"] == "" {
			ps = append(ps, problemf(o, "alert %s lacks a summary or description annotation", name))
		}
	}
	for _, msg := range exprProblems(r.Expr, known) {
		ps = append(ps, problemf(o, "rule %s %s", name, msg))
	}
	return ps
}

// exprProblems reports the metrics expr uses that the code does not
// export, or that it selects no metric by name at all. An expression that
// does not parse is reported by the rule file check.
func exprProblems(expr string, known Metrics) []string {
	names, err := metricNames(expr)
	if err != nil {
		return nil
	}
	if len(names) == 0 {
		return []string{"selects no metric by name"}
	}
	var out []string
	for _, n := range names {
		if !known[n] {
			out = append(out, "uses metric "+n+", which no code registers")
		}
	}
	return out
}

// metricNames lists, sorted, the metric names an expression selects.
func metricNames(expr string) ([]string, error) {
	e, err := promql.ParseExpr(expr)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	parser.Inspect(e, func(n parser.Node, _ []parser.Node) error {
		vs, ok := n.(*parser.VectorSelector)
		if !ok {
			return nil
		}
		for _, m := range vs.LabelMatchers {
			if m.Name == labels.MetricName && m.Type == labels.MatchEqual {
				seen[m.Value] = true
			}
		}
		return nil
	})
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out, nil
}
