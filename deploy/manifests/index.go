package manifests

import (
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
)

// pods is the pods one object will run: a workload's template, or the
// instances of a CloudNativePG cluster (labels only, as the operator sets
// them).
type pods struct {
	owner     Object
	namespace string
	labels    labels.Set
	spec      *corev1.PodSpec // nil for pods an operator makes
}

// index is what the checks look objects up by.
type index struct {
	objs []Object
	pods []pods
	// names holds "Kind/namespace/name" of every rendered object.
	names map[string]bool
}

func newIndex(objs []Object) *index {
	ix := &index{objs: objs, names: map[string]bool{}}
	for _, o := range objs {
		ix.names[key(o.Kind, o.Namespace, o.Name)] = true
		switch t := o.Typed.(type) {
		case *appsv1.Deployment:
			ix.pods = append(ix.pods, pods{o, o.Namespace, t.Spec.Template.Labels, &t.Spec.Template.Spec})
		case *appsv1.StatefulSet:
			ix.pods = append(ix.pods, pods{o, o.Namespace, t.Spec.Template.Labels, &t.Spec.Template.Spec})
		case *PostgresCluster:
			ix.pods = append(ix.pods, pods{o, o.Namespace,
				labels.Set{"cnpg.io/cluster": o.Name, "cnpg.io/podRole": "instance"}, nil})
		}
	}
	return ix
}

func key(kind, namespace, name string) string { return kind + "/" + namespace + "/" + name }

// has reports whether an object of kind named name exists in namespace.
func (ix *index) has(kind, namespace, name string) bool {
	return ix.names[key(kind, namespace, name)]
}

// selected returns the pods in namespace that sel matches; workloadsOnly
// leaves out pods an operator makes (a Service or PDB must select ours).
func (ix *index) selected(namespace string, sel labels.Selector, workloadsOnly bool) []pods {
	var out []pods
	for _, p := range ix.pods {
		if p.namespace != namespace || (workloadsOnly && p.spec == nil) {
			continue
		}
		if sel.Matches(p.labels) {
			out = append(out, p)
		}
	}
	return out
}

// selector converts a label selector; an invalid one selects nothing.
func selector(ls *metav1.LabelSelector) labels.Selector {
	if ls == nil {
		return labels.Nothing()
	}
	s, err := metav1.LabelSelectorAsSelector(ls)
	if err != nil {
		return labels.Nothing()
	}
	return s
}

// podSpecs returns every pod spec the workloads run, with its owner.
func (ix *index) podSpecs() []pods {
	var out []pods
	for _, p := range ix.pods {
		if p.spec != nil {
			out = append(out, p)
		}
	}
	return out
}
