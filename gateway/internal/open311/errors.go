package open311

import (
	"encoding/xml"
	"net/http"
	"strings"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/grpcserver"
	"github.com/seoul-gov/homepage/platform/locale"
)

// Prefix is where the GeoReport v2 endpoints live; every answer under it,
// errors included, is in the specification's formats.
const Prefix = "/open311/v2/"

// Owns reports whether r is a GeoReport request, whose errors must be in
// the specification's error format rather than the edge's.
func Owns(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, Prefix) }

// geoError is one error of the specification's error list.
type geoError struct {
	XMLName     xml.Name `xml:"error" json:"-"`
	Code        int      `xml:"code" json:"code"`
	Description string   `xml:"description" json:"description"`
}

type geoErrors struct {
	XMLName xml.Name   `xml:"errors"`
	Errors  []geoError `xml:"error"`
}

// WriteStatus answers with st in the specification's error format: one
// error per bad field ("field: why"), otherwise the message; httpStatus 0
// means the one the code maps to. The code in each error is the HTTP
// status, as the specification recommends.
func WriteStatus(w http.ResponseWriter, r *http.Request, httpStatus int, st *status.Status) {
	if httpStatus == 0 {
		httpStatus = runtime.HTTPStatusFromCode(st.Code())
	}
	var list []geoError
	for _, d := range st.Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			for _, v := range br.GetFieldViolations() {
				list = append(list, geoError{Code: httpStatus, Description: v.GetField() + ": " + v.GetDescription()})
			}
		}
	}
	if len(list) == 0 {
		list = []geoError{{Code: httpStatus, Description: st.Message()}}
	}
	write(w, requestFormat(r), httpStatus, payload{json: list, xml: geoErrors{Errors: list}})
}

// writeErr answers e, the endpoint's own error, rendered from the
// catalogue in the caller's language (platform/locale); httpStatus 0 is
// the one its kind maps to.
func writeErr(w http.ResponseWriter, r *http.Request, httpStatus int, e *errs.Error, code ...codes.Code) {
	ctx := locale.WithAcceptLanguage(r.Context(), r.Header.Get("Accept-Language"))
	WriteStatus(w, r, httpStatus, grpcserver.StatusOf(ctx, e, code...))
}
