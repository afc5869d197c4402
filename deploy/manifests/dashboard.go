package manifests

import (
	"strings"

	corev1 "k8s.io/api/core/v1"
	kjson "sigs.k8s.io/json"
)

// DashboardLabel marks a ConfigMap whose .json entries Grafana's sidecar
// loads as dashboards.
const DashboardLabel = "grafana_dashboard"

// Dashboard is the part of Grafana's dashboard model we write. Decoding is
// strict: a field not here is a typo or needs its line first.
type Dashboard struct {
	UID           string   `json:"uid"`
	Title         string   `json:"title"`
	Description   string   `json:"description,omitempty"`
	Tags          []string `json:"tags,omitempty"`
	Timezone      string   `json:"timezone,omitempty"`
	SchemaVersion int      `json:"schemaVersion"`
	Version       int      `json:"version,omitempty"`
	Refresh       string   `json:"refresh,omitempty"`
	Editable      bool     `json:"editable,omitempty"`
	Time          *struct {
		From string `json:"from"`
		To   string `json:"to"`
	} `json:"time,omitempty"`
	Templating struct {
		List []struct {
			Name  string `json:"name"`
			Label string `json:"label,omitempty"`
			Type  string `json:"type"`
			Query string `json:"query"`
		} `json:"list"`
	} `json:"templating"`
	Panels []Panel `json:"panels"`
}

// Panel is a dashboard panel or a row.
type Panel struct {
	ID          int    `json:"id"`
	Type        string `json:"type"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	Collapsed   bool   `json:"collapsed,omitempty"`
	Datasource  *struct {
		Type string `json:"type"`
		UID  string `json:"uid"`
	} `json:"datasource,omitempty"`
	GridPos struct {
		H int `json:"h"`
		W int `json:"w"`
		X int `json:"x"`
		Y int `json:"y"`
	} `json:"gridPos"`
	FieldConfig *struct {
		Defaults struct {
			Unit     string   `json:"unit,omitempty"`
			Min      *float64 `json:"min,omitempty"`
			Decimals *int     `json:"decimals,omitempty"`
		} `json:"defaults"`
		Overrides []struct{} `json:"overrides"`
	} `json:"fieldConfig,omitempty"`
	Targets []struct {
		RefID        string `json:"refId"`
		Expr         string `json:"expr"`
		LegendFormat string `json:"legendFormat,omitempty"`
	} `json:"targets,omitempty"`
	Panels []Panel `json:"panels,omitempty"`
}

// checkConfigMaps: every dashboard decodes, its panels fit Grafana's
// 24-column grid, and every query parses and uses metrics the code exports.
func checkConfigMaps(ix *index, known Metrics) []Problem {
	var ps []Problem
	for _, o := range ix.objs {
		cm, ok := o.Typed.(*corev1.ConfigMap)
		if !ok || cm.Labels[DashboardLabel] == "" {
			continue
		}
		for file, body := range cm.Data {
			if strings.HasSuffix(file, ".json") {
				ps = append(ps, dashboardProblems(o, file, []byte(body), known)...)
			}
		}
	}
	return ps
}

func dashboardProblems(o Object, file string, body []byte, known Metrics) []Problem {
	var d Dashboard
	strict, err := kjson.UnmarshalStrict(body, &d, kjson.DisallowDuplicateFields, kjson.DisallowUnknownFields)
	if err == nil && len(strict) > 0 {
		err = strict[0]
	}
	if err != nil {
		return []Problem{problemf(o, "%s: %v", file, err)}
	}
	if d.UID == "" || d.Title == "" {
		return []Problem{problemf(o, "%s: a dashboard needs a uid and a title", file)}
	}
	var ps []Problem
	ids := map[int]bool{}
	for _, p := range flatten(d.Panels) {
		where := file + ": panel " + p.Title
		if ids[p.ID] {
			ps = append(ps, problemf(o, "%s: id %d used twice", where, p.ID))
		}
		ids[p.ID] = true
		if p.GridPos.W <= 0 || p.GridPos.X < 0 || p.GridPos.X+p.GridPos.W > 24 {
			ps = append(ps, problemf(o, "%s: does not fit the 24-column grid", where))
		}
		ps = append(ps, panelQueryProblems(o, where, p, known)...)
	}
	return ps
}

func panelQueryProblems(o Object, where string, p Panel, known Metrics) []Problem {
	if p.Type == "row" {
		return nil
	}
	if len(p.Targets) == 0 {
		return []Problem{problemf(o, "%s: shows no query", where)}
	}
	var ps []Problem
	for _, t := range p.Targets {
		if _, err := promql.ParseExpr(t.Expr); err != nil {
			ps = append(ps, problemf(o, "%s: query %s: %v", where, t.RefID, err))
			continue
		}
		for _, msg := range exprProblems(t.Expr, known) {
			ps = append(ps, problemf(o, "%s: query %s %s", where, t.RefID, msg))
		}
	}
	return ps
}

// flatten lists panels with the panels of collapsed rows.
func flatten(panels []Panel) []Panel {
	var out []Panel
	for _, p := range panels {
		out = append(out, p)
		out = append(out, flatten(p.Panels)...)
	}
	return out
}
