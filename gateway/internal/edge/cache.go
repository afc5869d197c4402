package edge

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/seoul-gov/homepage/gateway/internal/cache"
	"github.com/seoul-gov/homepage/gateway/internal/middleware"
	"github.com/seoul-gov/homepage/platform/freshread"
	"github.com/seoul-gov/homepage/platform/locale"
)

// publicReads is the allow-list of the edge cache: reads every anonymous
// caller gets alike (docs/authorization.md: ✓ for anon) and whose answer
// holds nothing personal. A route not listed here is never cached; an
// anonymous answer is all that is ever kept (see cacheable).
var publicReads = map[protoreflect.FullName]bool{
	"seoul.content.v1.ContentService.ListDepartments":                  true,
	"seoul.content.v1.ContentService.GetDepartment":                    true,
	"seoul.content.v1.ContentService.GetItem":                          true,
	"seoul.content.v1.ContentService.GetItemBySlug":                    true,
	"seoul.content.v1.ContentService.ListItems":                        true,
	"seoul.content.v1.ContentService.SearchItems":                      true,
	"seoul.content.v1.ContentService.ListItemRevisions":                true,
	"seoul.board.v1.BoardService.GetBoard":                             true,
	"seoul.board.v1.BoardService.ListBoards":                           true,
	"seoul.board.v1.BoardService.GetPost":                              true,
	"seoul.board.v1.BoardService.ListPosts":                            true,
	"seoul.board.v1.BoardService.ListComments":                         true,
	"seoul.board.v1.BoardService.ListModerationDecisions":              true,
	"seoul.board.v1.BoardService.GetTransparencyReport":                true,
	"seoul.event.v1.ParticipationEventService.GetParticipationEvent":   true,
	"seoul.event.v1.ParticipationEventService.ListParticipationEvents": true,
	"seoul.event.v1.ParticipationEventService.GetAnnouncement":         true,
	"seoul.event.v1.ParticipationEventService.ListWinners":             true,
	"seoul.petition.v1.PetitionService.ListComplaintTypes":             true,
	"seoul.petition.v1.PetitionService.ListPublicComplaints":           true,
	"seoul.petition.v1.PetitionService.ListDepartmentFigures":          true,
	"seoul.petition.v1.PetitionService.GetHolidayTable":                true,
	"seoul.mileage.v1.MileageService.GetRules":                         true,
	"seoul.mileage.v1.MileageService.ListRuleVersions":                 true,
	"seoul.mileage.v1.MileageService.ListCatalogItems":                 true,
	"seoul.privacy.v1.PrivacyService.GetCurrentPolicy":                 true,
	"seoul.privacy.v1.PrivacyService.ListPolicies":                     true,
	"seoul.mail.v1.MailService.GetCurrentTerms":                        true,
	"seoul.mail.v1.MailService.ListTerms":                              true,
	"seoul.mail.v1.MailService.ListTemplates":                          true,
}

// cacheControl lets browsers and shared caches keep a public answer but
// not reuse it without asking: the edge knows from the services' events
// when it changes, a browser does not. Asking again with If-None-Match
// costs a 304 from memory.
const cacheControl = "no-cache"

// cached is the grpc-gateway middleware of the edge cache. An anonymous
// GET of an allow-listed public read is answered from memory or fetched
// once for every caller waiting for it; any other request goes through,
// and a change forwarded to a service drops that service's answers before
// its caller hears back, so the caller reads its own write.
func (s *Server) cached(next runtime.HandlerFunc) runtime.HandlerFunc {
	if s.cache == nil {
		return next
	}
	return func(w http.ResponseWriter, r *http.Request, params map[string]string) {
		rt := s.matchedRoute(r)
		switch {
		case rt == nil || rt.service == "":
			next(w, r, params)
		case r.Method != http.MethodGet:
			next(&invalidatingWriter{ResponseWriter: w, cache: s.cache, service: rt.service}, r, params)
		case !publicReads[rt.rpc]:
			next(w, r, params)
		case !anonymous(r):
			cache.Count(cache.Bypass)
			next(w, r, params)
		default:
			s.serveCached(w, r, params, rt, next)
		}
	}
}

// cacheFront answers an anonymous GET from memory before the mux routes
// it, when an answer for its target is kept: routing is most of what a
// kept answer would otherwise cost. Only allow-listed routes' answers are
// ever kept (see cached), so no routing is needed to know it may be served.
func (s *Server) cacheFront(mux http.Handler) http.Handler {
	if s.cache == nil {
		return mux
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && anonymous(r) {
			lang, target := cacheKeyOf(r)
			if a, ok := s.cache.Lookup(lang, target); ok {
				cache.Count(cache.Hit)
				middleware.SetRoute(r.Context(), a.Route)
				writeAnswer(w, a, cache.Hit)
				return
			}
		}
		mux.ServeHTTP(w, r)
	})
}

// cacheKeyOf is the language and target a request's answer is kept under.
func cacheKeyOf(r *http.Request) (lang, target string) {
	return resolvedLanguage(r.Header.Get("Accept-Language")), r.URL.Path + "?" + r.URL.RawQuery
}

// serveCached answers a cacheable read. The shared fetch runs on a context
// that the waiting callers' departures do not cancel, bounded by the
// request timeout; the caller's language is fixed to the one in the key,
// so the service answers exactly what the key says; and it asks for a
// fresh read (platform/freshread): kept until the service's next event,
// the answer must not come from a service replica's cache that has not
// dropped it yet.
func (s *Server) serveCached(w http.ResponseWriter, r *http.Request, params map[string]string, rt *rpcRoute, next runtime.HandlerFunc) {
	lang, target := cacheKeyOf(r)
	a, outcome := s.cache.Load(cache.Key{Service: rt.service, Language: lang, Target: target}, func() (*cache.Answer, bool) {
		ctx, cancel := context.WithTimeout(freshread.With(context.WithoutCancel(r.Context())), s.cfg.RequestTimeout)
		defer cancel()
		rec := &answerRecorder{header: http.Header{}}
		next(rec, r.WithContext(locale.WithAcceptLanguage(ctx, lang)), params)
		a := rec.answer()
		a.Route = rt.key
		return a, rec.status == http.StatusOK
	})
	cache.Count(outcome)
	if outcome == cache.Bypass {
		next(w, r, params)
		return
	}
	writeAnswer(w, a, outcome)
}

// matchedRoute is the binding the mux matched, if any.
func (s *Server) matchedRoute(r *http.Request) *rpcRoute {
	pat, ok := matchedPattern(r)
	if !ok {
		return nil
	}
	return s.routes.lookup(r.Method, pat)
}

// anonymous reports whether a request carries no credential of any kind:
// a token, a cookie or an API key each make the answer someone's.
func anonymous(r *http.Request) bool {
	h := r.Header
	return len(h.Values("Authorization")) == 0 && len(h.Values("Cookie")) == 0 &&
		len(h.Values("X-Api-Key")) == 0 && !r.URL.Query().Has("api_key")
}

// resolvedLanguage is the caller's language as the edge hands it to the
// services: the primary subtag of the first Accept-Language tag (en for
// "en-US,en;q=0.9"), "" (Korean) when there is none. Services read the
// first tag and match texts by primary language (platform/localized), so
// callers with the same primary language get the same answer.
func resolvedLanguage(acceptLanguage string) string {
	first, _, _ := strings.Cut(acceptLanguage, ",")
	tag, _, _ := strings.Cut(first, ";")
	primary, _, _ := strings.Cut(strings.TrimSpace(tag), "-")
	if len(primary) < 2 || len(primary) > 3 {
		return ""
	}
	for _, c := range primary {
		if (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') {
			return ""
		}
	}
	return strings.ToLower(primary)
}

// writeAnswer sends a fetched or kept answer with the headers of a
// cacheable one.
func writeAnswer(w http.ResponseWriter, a *cache.Answer, outcome cache.Outcome) {
	h := w.Header()
	for k, vs := range a.Header {
		// Capped, so a later Add (CORS's Vary) copies instead of writing
		// into the kept answer's array.
		h[k] = vs[:len(vs):len(vs)]
	}
	h.Set("Content-Length", strconv.Itoa(len(a.Body)))
	h.Set("X-Cache", strings.ToUpper(outcome.String()))
	w.WriteHeader(a.Status)
	_, _ = w.Write(a.Body)
}

// answerRecorder captures the answer of a shared fetch.
type answerRecorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (a *answerRecorder) Header() http.Header { return a.header }

func (a *answerRecorder) WriteHeader(code int) {
	if a.status == 0 {
		a.status = code
	}
}

func (a *answerRecorder) Write(b []byte) (int, error) {
	a.WriteHeader(http.StatusOK)
	return a.body.Write(b)
}

// answer is what was recorded; a 200 gets the cacheable headers.
func (a *answerRecorder) answer() *cache.Answer {
	a.WriteHeader(http.StatusOK)
	if a.status == http.StatusOK {
		a.header.Set("Cache-Control", cacheControl)
		a.header.Add("Vary", "Accept-Language")
	}
	return &cache.Answer{Status: a.status, Header: a.header, Body: a.body.Bytes()}
}

// invalidatingWriter drops a service's answers when a change forwarded to
// it is answered, before the answer reaches the caller.
type invalidatingWriter struct {
	http.ResponseWriter
	cache   *cache.Cache
	service string
	done    bool
}

func (w *invalidatingWriter) WriteHeader(code int) {
	w.invalidate()
	w.ResponseWriter.WriteHeader(code)
}

func (w *invalidatingWriter) Write(b []byte) (int, error) {
	w.invalidate()
	return w.ResponseWriter.Write(b)
}

func (w *invalidatingWriter) invalidate() {
	if !w.done {
		w.done = true
		w.cache.Invalidate(w.service)
	}
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *invalidatingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
