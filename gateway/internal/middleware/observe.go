package middleware

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/seoul-gov/homepage/platform/metrics"
	"github.com/seoul-gov/homepage/platform/personaldata"
)

// RouteUnmatched labels requests that matched no route, so scanners probing
// random paths cannot blow up the metrics' label cardinality.
const RouteUnmatched = "unmatched"

var (
	httpRequests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "gateway_http_requests_total", Help: "HTTP requests served by the edge, by route pattern, method and status.",
	}, []string{"route", "method", "status"})
	httpSeconds = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "gateway_http_request_duration_seconds", Help: "HTTP request latency at the edge, by route pattern and method.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
	}, []string{"route", "method"})
)

func init() {
	metrics.Registry.MustRegister(httpRequests, httpSeconds)
}

// Info is what inner layers learn about a request and the access log needs
// after the fact: the matched route pattern and the authenticated subject.
// Inner layers see a derived context, so they fill this shared record
// instead of returning values outward.
type Info struct {
	// Method is the request's, for layers that see only its context
	// (grpc-gateway's forward-response options).
	Method  string
	Route   string
	Subject string
}

type infoKey struct{}

// InfoFrom returns the request's Info, or nil outside Observe.
func InfoFrom(ctx context.Context) *Info {
	in, _ := ctx.Value(infoKey{}).(*Info)
	return in
}

// SetRoute records the matched route pattern, if the request is observed.
func SetRoute(ctx context.Context, route string) {
	if in := InfoFrom(ctx); in != nil {
		in.Route = route
	}
}

// SetSubject records the authenticated subject, if the request is observed.
func SetSubject(ctx context.Context, subject string) {
	if in := InfoFrom(ctx); in != nil {
		in.Subject = subject
	}
}

// Observe writes one access-log record and updates the request metrics per
// request. Run it inside RequestID so the log carries the id.
func Observe(log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			// One allocation for both.
			o := &observed{recorder: recorder{ResponseWriter: w}, info: Info{Method: r.Method, Route: RouteUnmatched}}
			rec, info := &o.recorder, &o.info
			next.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), infoKey{}, info)))
			took := time.Since(start)
			status := rec.statusCode()
			m := seriesOf(info.Route, methodLabel(r.Method), status)
			m.requests.Inc()
			m.seconds.Observe(took.Seconds())
			accessLog(r, log, info, status, rec.bytes, took)
		})
	}
}

// seriesKey names one route's, method's and status's time series.
type seriesKey struct {
	route, method string
	status        int
}

// series are the metrics of one seriesKey.
type series struct {
	requests prometheus.Counter
	seconds  prometheus.Observer
}

// seriesCache keeps each seriesKey's metrics once looked up: finding them
// by label values costs a status string and the vectors' hashing and
// allocations on every request. It holds no more entries than the vectors
// hold series (route labels are patterns or "unmatched", methods are folded).
var seriesCache sync.Map // seriesKey → *series

func seriesOf(route, method string, status int) *series {
	k := seriesKey{route, method, status}
	if m, ok := seriesCache.Load(k); ok {
		return m.(*series)
	}
	m := &series{requests: httpRequests.WithLabelValues(route, method, strconv.Itoa(status)),
		seconds: httpSeconds.WithLabelValues(route, method)}
	actual, _ := seriesCache.LoadOrStore(k, m)
	return actual.(*series)
}

// methodLabel folds methods outside the standard set into "OTHER": the
// method is chosen by the client, and every distinct label value is a new
// time series.
func methodLabel(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions:
		return m
	}
	return "OTHER"
}

func accessLog(r *http.Request, log *slog.Logger, info *Info, status int, bytes int64, took time.Duration) {
	level := slog.LevelInfo
	if status >= http.StatusInternalServerError {
		level = slog.LevelWarn
	}
	attrs := []slog.Attr{
		slog.String("method", r.Method), slog.String("path", loggedPath(r.URL.Path)), slog.String("route", info.Route),
		slog.Int("status", status), slog.Int64("bytes", bytes),
		slog.Float64("duration_ms", float64(took.Microseconds())/1000),
	}
	// The request id comes from the context via platform/logging; the
	// subject must be added here because the outer context has no claims.
	if info.Subject != "" {
		attrs = append(attrs, slog.String("subject", info.Subject))
	}
	log.LogAttrs(r.Context(), level, "http request", attrs...)
}

// loggedPath is the path as the access log keeps it. A client may type
// personal data where an ID belongs (/v1/items/010-1234-5678), and logs are
// out of the vault's reach, so such a segment is masked like free text.
// Paths of IDs and words — nearly all — are only scanned.
func loggedPath(p string) string {
	for seg := range strings.SplitSeq(p, "/") {
		if mayHoldPersonalData(seg) {
			return personaldata.Mask(p).Text
		}
	}
	return p
}

// mayHoldPersonalData reports whether a path segment has an @ or seven
// digits (the fewest any number personaldata finds has), not counting an
// ID's: a UUID, with or without a custom verb (…:publish).
func mayHoldPersonalData(seg string) bool {
	if id, _, _ := strings.Cut(seg, ":"); len(id) == 36 && uuid.Validate(id) == nil { // the dashed form only
		return false
	}
	digits := 0
	for i := range len(seg) {
		switch c := seg[i]; {
		case c == '@':
			return true
		case c >= '0' && c <= '9':
			digits++
		}
	}
	return digits >= 7
}

// observed is what Observe keeps of a request.
type observed struct {
	recorder recorder
	info     Info
}

// recorder captures the status and size of a response. It keeps Flush and
// Unwrap working because grpc-gateway streams server-streaming responses
// and http.ResponseController looks through wrappers.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

func (r *recorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func (r *recorder) statusCode() int {
	if r.status == 0 {
		return http.StatusOK
	}
	return r.status
}
