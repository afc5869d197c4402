package manifests

import (
	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
)

// schemas maps "apiVersion, Kind=kind" to a new value of the object's
// type. A kind that is not here fails the check: add its type (or, for a
// custom resource, a local struct of its fields in crd.go) first.
var schemas = map[string]func() any{
	"v1, Kind=Namespace":                            func() any { return new(corev1.Namespace) },
	"v1, Kind=ConfigMap":                            func() any { return new(corev1.ConfigMap) },
	"v1, Kind=Secret":                               func() any { return new(corev1.Secret) },
	"v1, Kind=Service":                              func() any { return new(corev1.Service) },
	"v1, Kind=ServiceAccount":                       func() any { return new(corev1.ServiceAccount) },
	"apps/v1, Kind=Deployment":                      func() any { return new(appsv1.Deployment) },
	"apps/v1, Kind=StatefulSet":                     func() any { return new(appsv1.StatefulSet) },
	"autoscaling/v2, Kind=HorizontalPodAutoscaler":  func() any { return new(autoscalingv2.HorizontalPodAutoscaler) },
	"policy/v1, Kind=PodDisruptionBudget":           func() any { return new(policyv1.PodDisruptionBudget) },
	"networking.k8s.io/v1, Kind=NetworkPolicy":      func() any { return new(networkingv1.NetworkPolicy) },
	"postgresql.cnpg.io/v1, Kind=Cluster":           func() any { return new(PostgresCluster) },
	"postgresql.cnpg.io/v1, Kind=ScheduledBackup":   func() any { return new(ScheduledBackup) },
	"cert-manager.io/v1, Kind=Certificate":          func() any { return new(Certificate) },
	"cert-manager.io/v1, Kind=Issuer":               func() any { return new(Issuer) },
	"monitoring.coreos.com/v1, Kind=PrometheusRule": func() any { return new(PrometheusRule) },
	"monitoring.coreos.com/v1, Kind=PodMonitor":     func() any { return new(PodMonitor) },
}
