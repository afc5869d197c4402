// Package etag makes and checks the etags of the suite's mutable resources
// (Google AIP-154), so two officials editing the same thing cannot silently
// overwrite each other: every resource carries the etag of its revision,
// and an update or state change that names an older one is refused as a
// conflict (gRPC ABORTED; the edge answers 412 to If-Match, 409 otherwise).
//
// An etag is opaque to clients. It is derived from a counter the resource
// increases on every change, so it changes exactly when the resource does.
package etag

import (
	"strconv"

	"github.com/seoul-gov/homepage/platform/errs"
)

// Field is the request field that carries the etag over gRPC.
const Field = "etag"

// Of is the etag of a resource at revision.
func Of(revision int64) string { return strconv.FormatInt(revision, 10) }

// Check refuses a change that names an etag other than the current one. An
// empty etag is an unconditional change.
func Check(given, current string) error {
	if given == "" || given == current {
		return nil
	}
	return errs.Conflict("ETAG_MISMATCH", "etag", given)
}
