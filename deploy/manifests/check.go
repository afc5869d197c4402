package manifests

import (
	"slices"

	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// Check runs every check over the objects of one rendered overlay. known
// holds the metric names the code registers, for the alerting rules and
// the dashboard.
func Check(objs []Object, known Metrics) []Problem {
	ix := newIndex(objs)
	var ps []Problem
	for _, check := range []func(*index) []Problem{
		checkContainers, checkServices, checkNetworkPolicies, checkScaling, checkReferences,
		checkDatabases, checkPodMonitors, checkNATS,
	} {
		ps = append(ps, check(ix)...)
	}
	ps = append(ps, checkRules(ix, known)...)
	ps = append(ps, checkConfigMaps(ix, known)...)
	return ps
}

// checkContainers: every container has both probes (a pod that is never
// taken out of rotation or restarted serves errors until a human notices)
// and CPU and memory requests (the scheduler and the HPA's utilisation
// need them).
func checkContainers(ix *index) []Problem {
	var ps []Problem
	for _, p := range ix.podSpecs() {
		for _, c := range p.spec.Containers {
			if c.ReadinessProbe == nil {
				ps = append(ps, problemf(p.owner, "container %s has no readinessProbe", c.Name))
			}
			if c.LivenessProbe == nil {
				ps = append(ps, problemf(p.owner, "container %s has no livenessProbe", c.Name))
			}
		}
		for _, c := range slices.Concat(p.spec.InitContainers, p.spec.Containers) {
			for _, r := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
				if _, ok := c.Resources.Requests[r]; !ok {
					ps = append(ps, problemf(p.owner, "container %s requests no %s", c.Name, r))
				}
			}
		}
	}
	return ps
}

// checkServices: a Service selects the pods of a Deployment or StatefulSet
// here, and its named target ports exist on them.
func checkServices(ix *index) []Problem {
	var ps []Problem
	for _, o := range ix.objs {
		svc, ok := o.Typed.(*corev1.Service)
		if !ok {
			continue
		}
		if len(svc.Spec.Selector) == 0 {
			ps = append(ps, problemf(o, "has no selector, so no Deployment or StatefulSet behind it"))
			continue
		}
		matched := ix.selected(o.Namespace, labels.SelectorFromSet(svc.Spec.Selector), true)
		if len(matched) == 0 {
			ps = append(ps, problemf(o, "selects %v: no Deployment or StatefulSet has such pods", svc.Spec.Selector))
			continue
		}
		for _, port := range svc.Spec.Ports {
			if port.TargetPort.Type != intstr.String {
				continue
			}
			for _, owner := range lackingPort(matched, port.TargetPort.StrVal) {
				ps = append(ps, problemf(o, "port %s targets %q, which the pods of %s do not declare",
					port.Name, port.TargetPort.StrVal, owner.ID()))
			}
		}
	}
	return ps
}

// lackingPort returns the owners of the pods that declare no container
// port called name.
func lackingPort(ps []pods, name string) []Object {
	var out []Object
	for _, p := range ps {
		if !slices.ContainsFunc(p.spec.Containers, func(c corev1.Container) bool {
			return slices.ContainsFunc(c.Ports, func(cp corev1.ContainerPort) bool { return cp.Name == name })
		}) {
			out = append(out, p.owner)
		}
	}
	return out
}

// checkNetworkPolicies: a policy selects pods, and every peer it names in
// this namespace (a pod selector without a namespace selector) selects
// pods too: a misspelt label would silently cut a service off, or let
// nobody in.
func checkNetworkPolicies(ix *index) []Problem {
	var ps []Problem
	for _, o := range ix.objs {
		np, ok := o.Typed.(*networkingv1.NetworkPolicy)
		if !ok {
			continue
		}
		if len(ix.selected(o.Namespace, selector(&np.Spec.PodSelector), false)) == 0 {
			ps = append(ps, problemf(o, "selects no pod"))
		}
		var peers []networkingv1.NetworkPolicyPeer
		for _, in := range np.Spec.Ingress {
			peers = append(peers, in.From...)
		}
		for _, out := range np.Spec.Egress {
			peers = append(peers, out.To...)
		}
		for _, peer := range peers {
			if peer.PodSelector != nil && peer.NamespaceSelector == nil &&
				len(ix.selected(o.Namespace, selector(peer.PodSelector), false)) == 0 {
				ps = append(ps, problemf(o, "names peer pods %s, but no pod has such labels",
					selector(peer.PodSelector)))
			}
		}
	}
	return ps
}

// checkScaling: an HPA scales a Deployment or StatefulSet that exists; a
// PodDisruptionBudget covers pods that exist.
func checkScaling(ix *index) []Problem {
	var ps []Problem
	for _, o := range ix.objs {
		switch t := o.Typed.(type) {
		case *autoscalingv2.HorizontalPodAutoscaler:
			ref := t.Spec.ScaleTargetRef
			if !ix.has(ref.Kind, o.Namespace, ref.Name) {
				ps = append(ps, problemf(o, "scales %s/%s, which does not exist", ref.Kind, ref.Name))
			}
		case *policyv1.PodDisruptionBudget:
			if len(ix.selected(o.Namespace, selector(t.Spec.Selector), true)) == 0 {
				ps = append(ps, problemf(o, "covers no pod of a Deployment or StatefulSet"))
			}
		}
	}
	return ps
}
