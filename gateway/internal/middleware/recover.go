package middleware

import (
	"errors"
	"log/slog"
	"net/http"
	"runtime/debug"

	"github.com/seoul-gov/homepage/gateway/internal/apierror"
	"github.com/seoul-gov/homepage/platform/errs"
)

// Recover turns a panic in a handler into a logged 500 in the usual error
// shape, so one bad request never takes the edge down and the client still
// gets a request id to report.
func Recover(log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				p := recover()
				if p == nil {
					return
				}
				if err, ok := p.(error); ok && errors.Is(err, http.ErrAbortHandler) {
					panic(p) // the documented way to abort a response; let net/http handle it
				}
				log.ErrorContext(r.Context(), "panic in handler", "panic", p, "stack", string(debug.Stack()))
				apierror.Error(w, r, 0, errs.E(errs.KindInternal, "PANIC"))
			}()
			next.ServeHTTP(w, r)
		})
	}
}
