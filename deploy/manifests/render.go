// Package manifests renders the Kubernetes overlays of deploy/k8s with the
// kustomize Go API, as `kubectl apply -k` would, and checks what they would
// apply before a cluster does: every object is decoded strictly into its
// Kubernetes type (or a local struct of a custom resource's fields), so an
// unknown or misspelt field fails here instead of being dropped silently by
// the API server; then the objects are checked against each other (probes,
// resource requests, Services and policies that select no pod, references
// to objects that do not exist) and the alerting rules and dashboard
// against the metrics the code registers.
package manifests

import (
	"encoding/json"
	"fmt"

	kjson "sigs.k8s.io/json"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"
)

// Object is one rendered object, decoded into its Go type.
type Object struct {
	APIVersion string
	Kind       string
	Name       string
	Namespace  string
	// Typed points to the object's type (e.g. *appsv1.Deployment).
	Typed any
}

// ID names the object in problems: Kind/name.
func (o Object) ID() string { return o.Kind + "/" + o.Name }

// Problem is one thing wrong with the rendered objects.
type Problem struct {
	Object  string
	Message string
}

func (p Problem) String() string { return p.Object + ": " + p.Message }

func problemf(o Object, format string, args ...any) Problem {
	return Problem{Object: o.ID(), Message: fmt.Sprintf(format, args...)}
}

// Render builds the kustomization in dir with kustomize's default options
// (the load restrictions kubectl applies) and decodes every object
// strictly. Objects that do not decode are reported as problems and left
// out; err is for a kustomization that does not build at all.
func Render(dir string) ([]Object, []Problem, error) {
	k := krusty.MakeKustomizer(krusty.MakeDefaultOptions())
	m, err := k.Run(filesys.MakeFsOnDisk(), dir)
	if err != nil {
		return nil, nil, fmt.Errorf("kustomize build %s: %w", dir, err)
	}
	var (
		objs     []Object
		problems []Problem
	)
	for _, r := range m.Resources() {
		raw, err := r.MarshalJSON()
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", r.CurId(), err)
		}
		o, err := Decode(raw)
		if err != nil {
			problems = append(problems, Problem{Object: r.GetKind() + "/" + r.GetName(), Message: err.Error()})
			continue
		}
		objs = append(objs, o)
	}
	return objs, problems, nil
}

// Decode decodes one object (JSON) into the type registered for its
// apiVersion and kind, failing on unknown and duplicate fields (field names
// are case-sensitive, as the API server's are).
func Decode(raw []byte) (Object, error) {
	var head struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
		Metadata   struct {
			Name      string `json:"name"`
			Namespace string `json:"namespace"`
		} `json:"metadata"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return Object{}, err
	}
	newTyped, ok := schemas[head.APIVersion+", Kind="+head.Kind]
	if !ok {
		return Object{}, fmt.Errorf("no schema for %s, Kind=%s: add its type to manifests.schemas before using it",
			head.APIVersion, head.Kind)
	}
	typed := newTyped()
	strict, err := kjson.UnmarshalStrict(raw, typed, kjson.DisallowDuplicateFields, kjson.DisallowUnknownFields)
	if err != nil {
		return Object{}, err
	}
	if len(strict) > 0 {
		return Object{}, fmt.Errorf("strict decoding: %v", strict)
	}
	return Object{APIVersion: head.APIVersion, Kind: head.Kind, Name: head.Metadata.Name,
		Namespace: head.Metadata.Namespace, Typed: typed}, nil
}
