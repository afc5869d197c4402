package manifests

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
)

// repoRoot is the repository, seen from this package.
const repoRoot = "../.."

var services = []string{"content", "board", "petition", "event", "mileage", "privacy", "mail"}

// render renders an overlay of deploy/k8s and requires it to pass every
// check against the metrics the code registers.
func render(t *testing.T, overlay string) []Object {
	t.Helper()
	known, err := RegisteredMetrics(repoRoot)
	require.NoError(t, err)
	objs, problems, err := Render(filepath.Join(repoRoot, "deploy", "k8s", "overlays", overlay))
	require.NoError(t, err)
	problems = append(problems, Check(objs, known)...)
	var lines []string
	for _, p := range problems {
		lines = append(lines, p.String())
	}
	require.Zero(t, len(lines), "overlay %s:\n%s", overlay, strings.Join(lines, "\n"))
	return objs
}

// Every overlay renders, decodes strictly and passes every check.
func TestEveryOverlayPasses(t *testing.T) {
	t.Parallel()
	entries, err := os.ReadDir(filepath.Join(repoRoot, "deploy", "k8s", "overlays"))
	require.NoError(t, err)
	require.NotEmpty(t, entries)
	for _, e := range entries {
		t.Run(e.Name(), func(t *testing.T) {
			t.Parallel()
			render(t, e.Name())
		})
	}
}

// Every service gets the whole shape from its component: workload, headless
// Service, autoscaler, disruption budget, network policy and its own
// database cluster with backups (production).
func TestProductionRunsEveryServiceReplicated(t *testing.T) {
	t.Parallel()
	objs := render(t, "production")
	for _, s := range services {
		for _, id := range []string{"Deployment/" + s, "Service/" + s, "HorizontalPodAutoscaler/" + s,
			"PodDisruptionBudget/" + s, "NetworkPolicy/" + s, "ServiceAccount/" + s,
			"Cluster/seoul-" + s + "-db", "ScheduledBackup/seoul-" + s + "-db", "NetworkPolicy/seoul-" + s + "-db"} {
			require.Contains(t, ids(objs), id)
		}
		d := find[*appsv1.Deployment](t, objs, "Deployment/"+s)
		require.GreaterOrEqual(t, *d.Spec.Replicas, int32(2), s)
		require.Equal(t, "registry.seoul.go.kr/homepage/"+s+":2026.12.0", d.Spec.Template.Spec.Containers[0].Image)
		require.Equal(t, 3, find[*PostgresCluster](t, objs, "Cluster/seoul-"+s+"-db").Spec.Instances)
		// Mutual TLS: its own key pair, named after it (the calling
		// service's identity), mounted where GRPC_TLS_* point.
		cert := find[*Certificate](t, objs, "Certificate/"+s+"-tls")
		require.Equal(t, s, cert.Spec.CommonName)
		require.Equal(t, []string{s, s + ".seoul-homepage.svc", s + ".seoul-homepage.svc.cluster.local"}, cert.Spec.DNSNames)
		require.Contains(t, d.Spec.Template.Spec.Volumes, corev1.Volume{Name: "tls",
			VolumeSource: corev1.VolumeSource{Secret: &corev1.SecretVolumeSource{SecretName: cert.Spec.SecretName}}})
	}
	require.Equal(t, int32(3), *find[*appsv1.StatefulSet](t, objs, "StatefulSet/nats").Spec.Replicas)
	require.Equal(t, "3", find[*corev1.ConfigMap](t, objs, "ConfigMap/seoul-common").Data["NATS_STREAM_REPLICAS"])
}

// The trial fits one node: one replica of everything, unreplicated
// streams, one database instance without synchronous standbys or backups.
func TestTrialFitsOneNode(t *testing.T) {
	t.Parallel()
	objs := render(t, "trial")
	for _, o := range objs {
		switch v := o.Typed.(type) {
		case *appsv1.Deployment:
			require.Equal(t, int32(1), *v.Spec.Replicas, o.ID())
		case *appsv1.StatefulSet:
			require.Equal(t, int32(1), *v.Spec.Replicas, o.ID())
		case *PostgresCluster:
			require.Equal(t, 1, v.Spec.Instances, o.ID())
			require.Nil(t, v.Spec.Backup, o.ID())
		}
		require.NotEqual(t, "ScheduledBackup", o.Kind)
	}
	require.Equal(t, "1", find[*corev1.ConfigMap](t, objs, "ConfigMap/seoul-common").Data["NATS_STREAM_REPLICAS"])
	require.NotContains(t, find[*corev1.ConfigMap](t, objs, "ConfigMap/nats-config").Data["nats.conf"], "cluster {")
}

// The alerts ops asked for are there (the checks above make sure each
// parses and uses metrics the code exports), with the scrape configuration
// and the dashboard.
func TestAlertsCoverWhatOpsWatch(t *testing.T) {
	t.Parallel()
	objs := render(t, "production")
	var alerts []string
	for _, g := range find[*PrometheusRule](t, objs, "PrometheusRule/seoul-homepage").Spec.Groups {
		for _, r := range g.Rules {
			alerts = append(alerts, r.Alert)
		}
	}
	for _, a := range []string{"ComplaintsOverdue", "OutboxLagging", "ConsumerLagging", "ConsumerStuck",
		"EventsDeadLettered", "SMTPUnavailable", "SMTPFailing", "HolidayTableEndsSoon", "RouteErrors"} {
		require.Contains(t, alerts, a)
	}
	find[*PodMonitor](t, objs, "PodMonitor/seoul-homepage")
	require.Contains(t, find[*corev1.ConfigMap](t, objs, "ConfigMap/seoul-dashboard").Data, "seoul-homepage.json")
}

func TestRegisteredMetricsFindsTheSuitesCollectors(t *testing.T) {
	t.Parallel()
	known, err := RegisteredMetrics(repoRoot)
	require.NoError(t, err)
	for _, name := range []string{"grpc_server_handled_total", "gateway_http_requests_total",
		"gateway_http_request_duration_seconds_bucket", "events_consumed_total", "job_runs_total"} {
		require.True(t, known[name], name)
	}
	require.False(t, known["gateway_http_requests_total_bucket"], "a counter has no buckets")
}

func ids(objs []Object) []string {
	out := make([]string, 0, len(objs))
	for _, o := range objs {
		out = append(out, o.ID())
	}
	return out
}

func find[T any](t *testing.T, objs []Object, id string) T {
	t.Helper()
	for _, o := range objs {
		if o.ID() == id {
			v, ok := o.Typed.(T)
			require.True(t, ok, "%s is a %T", id, o.Typed)
			return v
		}
	}
	require.FailNow(t, "not rendered", id)
	var zero T
	return zero
}

// Every secret an operator provisions is created, with its keys, in the
// operations guide, so a first deploy finds every pod's secrets.
func TestProvisionedSecretsAreDocumented(t *testing.T) {
	t.Parallel()
	guide, err := os.ReadFile(filepath.Join(repoRoot, "docs", "operations.md"))
	require.NoError(t, err)
	for name := range Provisioned {
		require.Contains(t, string(guide), "create secret generic "+name+" ", name)
	}
}
