package manifests

import (
	"strings"

	corev1 "k8s.io/api/core/v1"
)

// Provisioned are the Secrets an operator creates before the first deploy
// and rotates by hand (docs/operations.md tells how, and a test checks it
// names each). They are never rendered, so no key is ever in git.
var Provisioned = map[string]string{
	"seoul-privacy-keys":        "the vault's key-encryption keys (kek.json), blind-index key (index.key) and access-log anchor signing key (anchor.key)",
	"seoul-board-pseudonym":     "the key of board authors' pseudonyms (key: base64 of 32 random bytes)",
	"seoul-mail-smtp":           "the SMTP relay's account (username, password)",
	"seoul-mail-unsubscribe":    "the key of one-click unsubscribe links (key)",
	"seoul-mail-client":         "the mail service's machine-client token for the vault and the petition service (token)",
	"seoul-mail-submission-tls": "the publicly trusted certificate of the complaint address's SMTP submission server (tls.crt, tls.key)",
	"seoul-backup-s3":           "the object store account for database backups (ACCESS_KEY_ID, ACCESS_SECRET_KEY)",
	"seoul-web-oidc":            "the homepage's client secret at the city's OIDC provider (client-secret)",
}

// secretsMade are the Secrets that will exist once the overlay is applied:
// rendered ones, the application secret CloudNativePG makes for each
// cluster (<cluster>-app), the key pairs cert-manager writes, and the
// provisioned ones.
func (ix *index) secretsMade() map[string]bool {
	made := map[string]bool{}
	for name := range Provisioned {
		made[name] = true
	}
	for _, o := range ix.objs {
		switch t := o.Typed.(type) {
		case *corev1.Secret:
			made[o.Name] = true
		case *PostgresCluster:
			made[o.Name+"-app"] = true
		case *Certificate:
			made[t.Spec.SecretName] = true
		}
	}
	return made
}

// checkReferences: the ConfigMaps, Secrets and service accounts a pod
// needs exist, or the pod never starts.
func checkReferences(ix *index) []Problem {
	var ps []Problem
	secrets := ix.secretsMade()
	for _, p := range ix.podSpecs() {
		for _, ref := range podReferences(p.spec) {
			missing := false
			switch ref.kind {
			case "Secret":
				missing = !secrets[ref.name]
			default:
				missing = !ix.has(ref.kind, p.namespace, ref.name)
			}
			if missing {
				ps = append(ps, problemf(p.owner, "uses %s %s (%s), which nothing makes", ref.kind, ref.name, ref.where))
			}
		}
	}
	return ps
}

type reference struct{ kind, name, where string }

// podReferences lists what a pod spec refers to by name.
func podReferences(spec *corev1.PodSpec) []reference {
	var refs []reference
	if spec.ServiceAccountName != "" && spec.ServiceAccountName != "default" {
		refs = append(refs, reference{"ServiceAccount", spec.ServiceAccountName, "serviceAccountName"})
	}
	for _, v := range spec.Volumes {
		if v.ConfigMap != nil {
			refs = append(refs, reference{"ConfigMap", v.ConfigMap.Name, "volume " + v.Name})
		}
		if v.Secret != nil {
			refs = append(refs, reference{"Secret", v.Secret.SecretName, "volume " + v.Name})
		}
	}
	for _, c := range append(append([]corev1.Container{}, spec.InitContainers...), spec.Containers...) {
		refs = append(refs, containerReferences(c)...)
	}
	return refs
}

func containerReferences(c corev1.Container) []reference {
	var refs []reference
	for _, from := range c.EnvFrom {
		if from.ConfigMapRef != nil {
			refs = append(refs, reference{"ConfigMap", from.ConfigMapRef.Name, "container " + c.Name})
		}
		if from.SecretRef != nil {
			refs = append(refs, reference{"Secret", from.SecretRef.Name, "container " + c.Name})
		}
	}
	for _, e := range c.Env {
		if e.ValueFrom == nil {
			continue
		}
		if r := e.ValueFrom.ConfigMapKeyRef; r != nil {
			refs = append(refs, reference{"ConfigMap", r.Name, "env " + e.Name})
		}
		if r := e.ValueFrom.SecretKeyRef; r != nil {
			refs = append(refs, reference{"Secret", r.Name, "env " + e.Name})
		}
	}
	return refs
}

// checkDatabases: backups belong to a cluster that exists and can reach
// the object store; certificates come from an issuer that exists.
func checkDatabases(ix *index) []Problem {
	var ps []Problem
	secrets := ix.secretsMade()
	for _, o := range ix.objs {
		switch t := o.Typed.(type) {
		case *ScheduledBackup:
			if !ix.has("Cluster", o.Namespace, t.Spec.Cluster.Name) {
				ps = append(ps, problemf(o, "backs up cluster %s, which does not exist", t.Spec.Cluster.Name))
			}
			if n := len(strings.Fields(t.Spec.Schedule)); n != 6 {
				ps = append(ps, problemf(o, "schedule %q has %d fields; CloudNativePG wants six, seconds first", t.Spec.Schedule, n))
			}
		case *PostgresCluster:
			ps = append(ps, checkCluster(o, t, secrets)...)
		case *Certificate:
			ref := t.Spec.IssuerRef
			if (ref.Kind == "" || ref.Kind == "Issuer") && !ix.has("Issuer", o.Namespace, ref.Name) {
				ps = append(ps, problemf(o, "is issued by Issuer %s, which does not exist", ref.Name))
			}
		}
	}
	return ps
}

func checkCluster(o Object, c *PostgresCluster, secrets map[string]bool) []Problem {
	var ps []Problem
	if c.Spec.Bootstrap == nil || c.Spec.Bootstrap.InitDB == nil || c.Spec.Bootstrap.InitDB.Database == "" {
		ps = append(ps, problemf(o, "creates no database (spec.bootstrap.initdb.database)"))
	}
	if s := c.Spec.PostgreSQL; s != nil && s.Synchronous != nil && s.Synchronous.Number >= c.Spec.Instances {
		ps = append(ps, problemf(o, "wants %d synchronous standbys of %d instances: every commit would wait forever",
			s.Synchronous.Number, c.Spec.Instances))
	}
	if b := c.Spec.Backup; b != nil && b.BarmanObjectStore != nil && b.BarmanObjectStore.S3Credentials != nil {
		for _, s := range []SecretKeySelector{b.BarmanObjectStore.S3Credentials.AccessKeyID, b.BarmanObjectStore.S3Credentials.SecretAccessKey} {
			if !secrets[s.Name] {
				ps = append(ps, problemf(o, "backs up with Secret %s, which nothing makes", s.Name))
			}
		}
	}
	return ps
}

// checkPodMonitors: Prometheus scrapes pods that exist, on a port they
// declare.
func checkPodMonitors(ix *index) []Problem {
	var ps []Problem
	for _, o := range ix.objs {
		pm, ok := o.Typed.(*PodMonitor)
		if !ok {
			continue
		}
		matched := ix.selected(o.Namespace, selector(&pm.Spec.Selector), true)
		if len(matched) == 0 {
			ps = append(ps, problemf(o, "scrapes no pod"))
			continue
		}
		for _, ep := range pm.Spec.PodMetricsEndpoints {
			for _, owner := range lackingPort(matched, ep.Port) {
				ps = append(ps, problemf(o, "scrapes port %q, which the pods of %s do not declare", ep.Port, owner.ID()))
			}
		}
	}
	return ps
}
