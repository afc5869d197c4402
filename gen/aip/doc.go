// Package aip holds the suite's check of its protos against Google's API
// design guide (the AIPs), over the descriptors the generated packages
// register: api-linter, the AIPs' own linter, cannot be installed here (the
// Go module proxy refuses it), so aip_test.go enforces the rules the suite
// follows (docs/conventions.md, "Protos"): times are *_time Timestamps
// (AIP-142), booleans carry no is_ (AIP-140), a List names its one
// repeated field after its resources and pages together (AIP-132/158),
// and Get, Create, Update and Delete have the standard shapes, answering
// the resource itself (AIP-131/133/134/135). `make lint` runs it; the
// deliberate exceptions are listed with their reasons in `exceptions`.
package aip
