package manifests

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// fixtureMetrics are the metrics the fixture's rule and dashboard use.
var fixtureMetrics = Metrics{"api_requests_total": true}

// renderFixture renders testdata/valid with the kustomize patches (items of
// a `patches:` list) and extra objects, as an overlay would, and checks it.
func renderFixture(t *testing.T, patches, extra string) []Problem {
	t.Helper()
	dir := t.TempDir()
	objects, err := os.ReadFile(filepath.Join("testdata", "valid", "objects.yaml"))
	require.NoError(t, err)
	if extra != "" {
		objects = append(objects, []byte("---\n"+extra)...)
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "objects.yaml"), objects, 0o600))
	k := "resources: [objects.yaml]\n"
	if patches != "" {
		k += "patches:\n" + patches
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "kustomization.yaml"), []byte(k), 0o600))
	objs, problems, err := Render(dir)
	require.NoError(t, err)
	return append(problems, Check(objs, fixtureMetrics)...)
}

// jsonPatch is a patches item applying one JSON-patch op to kind/name.
func jsonPatch(kind, name, op string) string {
	return "  - target: {kind: " + kind + ", name: " + name + "}\n    patch: |-\n      - " + op + "\n"
}

func TestFixtureIsValid(t *testing.T) {
	t.Parallel()
	require.Empty(t, renderFixture(t, "", ""))
}

// Each way the manifests can be wrong is caught: one case per check, each
// breaking the valid fixture in one place.
func TestChecksCatchBrokenManifests(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, patches, extra, want string
	}{
		{name: "unknown field", want: `unknown field "spec.replica"`,
			patches: jsonPatch("Deployment", "api", `{op: add, path: /spec/replica, value: 3}`)},
		{name: "field in the wrong case", want: `unknown field "spec.Replicas"`,
			patches: jsonPatch("Deployment", "api", `{op: add, path: /spec/Replicas, value: 3}`)},
		{name: "unknown field of a container", want: `unknown field "spec.template.spec.containers[0].readinesProbe"`,
			patches: jsonPatch("Deployment", "api", `{op: add, path: /spec/template/spec/containers/0/readinesProbe, value: {}}`)},
		{name: "unknown field of a custom resource", want: `unknown field "spec.instance"`,
			patches: jsonPatch("Cluster", "api-db", `{op: add, path: /spec/instance, value: 3}`)},
		{name: "kind without a schema", want: "no schema for networking.k8s.io/v1, Kind=Ingress",
			extra: "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: api}\n"},
		{name: "no readiness probe", want: "Deployment/api: container api has no readinessProbe",
			patches: jsonPatch("Deployment", "api", `{op: remove, path: /spec/template/spec/containers/0/readinessProbe}`)},
		{name: "no liveness probe", want: "Deployment/api: container api has no livenessProbe",
			patches: jsonPatch("Deployment", "api", `{op: remove, path: /spec/template/spec/containers/0/livenessProbe}`)},
		{name: "no CPU request", want: "Deployment/api: container api requests no cpu",
			patches: jsonPatch("Deployment", "api", `{op: remove, path: /spec/template/spec/containers/0/resources/requests/cpu}`)},
		{name: "no memory request of an init container", want: "Deployment/api: container prepare requests no memory",
			patches: jsonPatch("Deployment", "api", `{op: remove, path: /spec/template/spec/initContainers/0/resources/requests/memory}`)},
		{name: "Service without a matching Deployment", want: "Service/api: selects map[app:apl]: no Deployment or StatefulSet",
			patches: jsonPatch("Service", "api", `{op: replace, path: /spec/selector/app, value: apl}`)},
		{name: "Service without a selector", want: "Service/api: has no selector",
			patches: jsonPatch("Service", "api", `{op: remove, path: /spec/selector}`)},
		{name: "Service targeting an undeclared port", want: `Service/api: port grpc targets "gprc"`,
			patches: jsonPatch("Service", "api", `{op: replace, path: /spec/ports/0/targetPort, value: gprc}`)},
		{name: "NetworkPolicy that selects nothing", want: "NetworkPolicy/api: selects no pod",
			patches: jsonPatch("NetworkPolicy", "api", `{op: replace, path: /spec/podSelector/matchLabels/app, value: apl}`)},
		{name: "NetworkPolicy peer that selects nothing", want: "NetworkPolicy/api: names peer pods cnpg.io/cluster=api-bd",
			patches: jsonPatch("NetworkPolicy", "api", `{op: replace, path: /spec/egress/0/to/0/podSelector/matchLabels/cnpg.io~1cluster, value: api-bd}`)},
		{name: "HPA of a missing Deployment", want: "HorizontalPodAutoscaler/api: scales Deployment/apl",
			patches: jsonPatch("HorizontalPodAutoscaler", "api", `{op: replace, path: /spec/scaleTargetRef/name, value: apl}`)},
		{name: "PDB covering nothing", want: "PodDisruptionBudget/api: covers no pod",
			patches: jsonPatch("PodDisruptionBudget", "api", `{op: replace, path: /spec/selector/matchLabels/app, value: apl}`)},
		{name: "Secret nothing makes", want: "Deployment/api: uses Secret apl-db-app (env DATABASE_URL)",
			patches: jsonPatch("Deployment", "api", `{op: replace, path: /spec/template/spec/containers/0/env/0/valueFrom/secretKeyRef/name, value: apl-db-app}`)},
		{name: "missing ConfigMap", want: "Deployment/api: uses ConfigMap setings",
			patches: jsonPatch("Deployment", "api", `{op: replace, path: /spec/template/spec/containers/0/envFrom/0/configMapRef/name, value: setings}`)},
		{name: "missing service account", want: "Deployment/api: uses ServiceAccount apl",
			patches: jsonPatch("Deployment", "api", `{op: replace, path: /spec/template/spec/serviceAccountName, value: apl}`)},
		{name: "backup of a missing cluster", want: "ScheduledBackup/api-db: backs up cluster apl-db",
			patches: jsonPatch("ScheduledBackup", "api-db", `{op: replace, path: /spec/cluster/name, value: apl-db}`)},
		{name: "five-field backup schedule", want: `ScheduledBackup/api-db: schedule "0 3 * * *" has 5 fields`,
			patches: jsonPatch("ScheduledBackup", "api-db", `{op: replace, path: /spec/schedule, value: "0 3 * * *"}`)},
		{name: "synchronous standby that cannot exist", want: "Cluster/api-db: wants 1 synchronous standbys of 1 instances",
			patches: jsonPatch("Cluster", "api-db", `{op: replace, path: /spec/instances, value: 1}`)},
		{name: "certificate from a missing issuer", want: "Certificate/api: is issued by Issuer cq",
			patches: jsonPatch("Certificate", "api", `{op: replace, path: /spec/issuerRef/name, value: cq}`)},
		{name: "PodMonitor on an undeclared port", want: `PodMonitor/api: scrapes port "metric"`,
			patches: jsonPatch("PodMonitor", "api", `{op: replace, path: /spec/podMetricsEndpoints/0/port, value: metric}`)},
		{name: "rule that does not parse", want: "PrometheusRule/api: rule file",
			patches: jsonPatch("PrometheusRule", "api", `{op: replace, path: /spec/groups/0/rules/0/expr, value: "sum(rate(api_requests_total[5m]) > 1"}`)},
		{name: "rule with a field Prometheus does not know", want: `unknown field "spec.groups[0].rules[0].severity"`,
			patches: jsonPatch("PrometheusRule", "api", `{op: add, path: /spec/groups/0/rules/0/severity, value: page}`)},
		{name: "rule on a metric no code registers", want: "rule APIErrors uses metric api_request_total, which no code registers",
			patches: jsonPatch("PrometheusRule", "api", `{op: replace, path: /spec/groups/0/rules/0/expr, value: "sum(rate(api_request_total[5m])) > 1"}`)},
		{name: "alert without severity", want: "alert APIErrors has no severity label",
			patches: jsonPatch("PrometheusRule", "api", `{op: remove, path: /spec/groups/0/rules/0/labels}`)},
		{name: "dashboard query on a metric no code registers", want: "panel Requests: query A uses metric api_request_total",
			patches: jsonPatch("ConfigMap", "dashboards", `{op: replace, path: /data/api.json, value: '{"uid": "api", "title": "API", "schemaVersion": 39, "templating": {"list": []}, "panels": [{"id": 1, "type": "timeseries", "title": "Requests", "gridPos": {"h": 8, "w": 12, "x": 0, "y": 0}, "targets": [{"refId": "A", "expr": "sum(rate(api_request_total[5m]))"}]}]}'}`)},
		{name: "dashboard with an unknown field", want: `api.json: unknown field "panels[0].gridpos"`,
			patches: jsonPatch("ConfigMap", "dashboards", `{op: replace, path: /data/api.json, value: '{"uid": "api", "title": "API", "schemaVersion": 39, "templating": {"list": []}, "panels": [{"id": 1, "type": "timeseries", "title": "Requests", "gridpos": {"h": 8, "w": 12, "x": 0, "y": 0}, "targets": [{"refId": "A", "expr": "sum(rate(api_requests_total[5m]))"}]}]}'}`)},
		{name: "dashboard panel off the grid", want: "panel Requests: does not fit the 24-column grid",
			patches: jsonPatch("ConfigMap", "dashboards", `{op: replace, path: /data/api.json, value: '{"uid": "api", "title": "API", "schemaVersion": 39, "templating": {"list": []}, "panels": [{"id": 1, "type": "timeseries", "title": "Requests", "gridPos": {"h": 8, "w": 12, "x": 18, "y": 0}, "targets": [{"refId": "A", "expr": "sum(rate(api_requests_total[5m]))"}]}]}'}`)},
		{name: "NATS configuration that does not parse", want: "StatefulSet/nats: nats.conf:",
			patches: jsonPatch("ConfigMap", "nats-config", `{op: replace, path: /data/nats.conf, value: "jetstream {"}`)},
		{name: "NATS without JetStream", want: "StatefulSet/nats: nats.conf: JetStream is off",
			patches: jsonPatch("ConfigMap", "nats-config", `{op: replace, path: /data/nats.conf, value: "port: 4222"}`)},
		{name: "single NATS node acknowledging before fsync", want: "a single node acknowledges writes before they are on disk",
			patches: jsonPatch("ConfigMap", "nats-config", `{op: replace, path: /data/nats.conf, value: "jetstream { store_dir: /data }"}`)},
		{name: "NATS cluster routing to fewer nodes than it runs", want: "StatefulSet/nats: nats.conf: 0 routes for 3 nodes",
			patches: jsonPatch("StatefulSet", "nats", `{op: replace, path: /spec/replicas, value: 3}`)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			problems := renderFixture(t, c.patches, c.extra)
			var got []string
			for _, p := range problems {
				got = append(got, p.String())
			}
			require.True(t, containsAny(got, c.want), "want a problem containing %q, got:\n%s", c.want, strings.Join(got, "\n"))
		})
	}
}

func containsAny(got []string, want string) bool {
	for _, g := range got {
		if strings.Contains(g, want) {
			return true
		}
	}
	return false
}
