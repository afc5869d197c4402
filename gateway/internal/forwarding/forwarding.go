// Package forwarding decides what of an HTTP request grpc-gateway may
// turn into the metadata of a call to a service.
package forwarding

import "net/http"

// WithoutClientAddress is r as grpc-gateway should see it when it builds a
// call's metadata (runtime.AnnotateContext): without the client's address
// and the host it asked for, which grpc-gateway would always send as
// x-forwarded-for and x-forwarded-host (from RemoteAddr, Host and the
// X-Forwarded-* headers). No service reads them, the address is personal
// data, and each key costs the edge and the service allocations on every
// call (issue 17). The copy shares r's body, and its header unless r has
// X-Forwarded-* headers.
func WithoutClientAddress(r *http.Request) *http.Request {
	out := r.WithContext(r.Context())
	out.Host, out.RemoteAddr = "", ""
	if len(r.Header.Values("X-Forwarded-For")) > 0 || len(r.Header.Values("X-Forwarded-Host")) > 0 {
		out.Header = r.Header.Clone()
		out.Header.Del("X-Forwarded-For")
		out.Header.Del("X-Forwarded-Host")
	}
	return out
}
