package manifests

import (
	"strings"

	"github.com/nats-io/nats-server/v2/server"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
)

// natsConfigKey is the file a NATS StatefulSet reads from its ConfigMap.
const natsConfigKey = "nats.conf"

// checkNATS: the server configuration parses with the nats-server module
// the suite runs, enables JetStream, routes to exactly the StatefulSet's
// other nodes, and a single node fsyncs every write before acknowledging
// it (in a cluster the replicas do that job).
func checkNATS(ix *index) []Problem {
	var ps []Problem
	for _, o := range ix.objs {
		sts, ok := o.Typed.(*appsv1.StatefulSet)
		if !ok {
			continue
		}
		for _, v := range sts.Spec.Template.Spec.Volumes {
			if v.ConfigMap == nil {
				continue
			}
			if conf, ok := ix.configMapData(o.Namespace, v.ConfigMap.Name)[natsConfigKey]; ok {
				ps = append(ps, natsProblems(o, sts, conf)...)
			}
		}
	}
	return ps
}

func natsProblems(o Object, sts *appsv1.StatefulSet, conf string) []Problem {
	opts := &server.Options{}
	// The pod's name comes from the environment in the cluster; any name
	// will do to parse.
	if err := opts.ProcessConfigString(strings.ReplaceAll(conf, "$SERVER_NAME", o.Name+"-0")); err != nil {
		return []Problem{problemf(o, "%s: %v", natsConfigKey, err)}
	}
	replicas := 1
	if sts.Spec.Replicas != nil {
		replicas = int(*sts.Spec.Replicas)
	}
	var ps []Problem
	if !opts.JetStream {
		ps = append(ps, problemf(o, "%s: JetStream is off", natsConfigKey))
	}
	if replicas > 1 && len(opts.Routes) != replicas {
		ps = append(ps, problemf(o, "%s: %d routes for %d nodes", natsConfigKey, len(opts.Routes), replicas))
	}
	if replicas == 1 && !opts.SyncAlways {
		ps = append(ps, problemf(o, "%s: a single node acknowledges writes before they are on disk (sync_interval: always)", natsConfigKey))
	}
	return ps
}

// configMapData returns the data of a rendered ConfigMap (nil if none).
func (ix *index) configMapData(namespace, name string) map[string]string {
	for _, o := range ix.objs {
		if cm, ok := o.Typed.(*corev1.ConfigMap); ok && o.Name == name && o.Namespace == namespace {
			return cm.Data
		}
	}
	return nil
}
