// Package domain holds the content service's entities and rules: the
// department directory, content items with their editorial workflow,
// translations measured against the Korean reference (A2), the review cycle
// (A4.1), citizen feedback (A3.3) and the department scorecard (A4.3).
// It depends on the standard library and platform/errs only.
package domain
