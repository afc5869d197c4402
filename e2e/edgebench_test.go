package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
)

// The edge's cost over the bare minimum: the same read served (a) by the
// REST edge from its cache of public reads, (b) through the edge uncached
// → gRPC → content service → PostgreSQL (a request with a cookie bypasses
// the cache and is otherwise anonymous) and (c) by a minimal net/http
// handler querying the same database with equivalent SQL, all measured in
// one run under the same machine load. Reported as req/s and p99 of each
// and their ratios to the bare handler; nothing is asserted. A read by id
// is also made (d) over gRPC straight to the same content service, with
// the same concurrency: the uncached edge's ratio to it is what the edge's
// hop costs.

// bareItemSQL reads what GetItem returns: the item, its department contact
// and its texts in every language.
const bareItemSQL = `SELECT jsonb_build_object('id', i.id, 'slug', i.slug, 'kind', i.kind, 'status', i.status,
	'department', jsonb_build_object('code', d.code, 'name_ko', d.name_ko, 'phone', d.phone, 'email', d.email),
	'texts', (SELECT jsonb_agg(jsonb_build_object('language', t.language, 'title', t.title,
		'summary', t.summary, 'body', t.body)) FROM item_texts t WHERE t.item_id = i.id))
	FROM items i JOIN departments d ON d.code = i.department_code WHERE i.id = $1`

// bareSearchSQL ranks published items by trigram similarity as the
// service's search does, first page of 20.
const bareSearchSQL = `SELECT coalesce(jsonb_agg(r), '[]') FROM (
	SELECT t.item_id, max(0.6 * word_similarity($1, t.title) + 0.4 * word_similarity($1, t.doc)) AS score
	FROM item_texts t JOIN items i ON i.id = t.item_id
	WHERE i.status = 'published' AND (t.doc ILIKE $2 OR $1 <% t.title)
	GROUP BY t.item_id ORDER BY score DESC, t.item_id DESC LIMIT 20) r`

func BenchmarkEdgeVsBareGetItem(b *testing.B) {
	s := suiteB(b)
	id := publishedItemID(b, s)
	bare := bareServer(b, s, func(ctx context.Context, pool *pgxpool.Pool, r *http.Request) (any, error) {
		var out json.RawMessage
		err := pool.QueryRow(ctx, bareItemSQL, r.URL.Query().Get("id")).Scan(&out)
		return out, err
	})
	cc, err := grpc.NewClient(s.Launch.GRPCAddr("content"), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { cc.Close() })
	content := contentv1.NewContentServiceClient(cc)
	direct := func() error {
		_, err := content.GetItem(context.Background(), &contentv1.GetItemRequest{ItemId: id})
		return err
	}
	compare(b, s.BaseURL+"/v1/items/"+id, bare+"?id="+id, direct)
}

func BenchmarkEdgeVsBareSearch(b *testing.B) {
	s := suiteB(b)
	q := "서울"
	bare := bareServer(b, s, func(ctx context.Context, pool *pgxpool.Pool, r *http.Request) (any, error) {
		var out json.RawMessage
		q := r.URL.Query().Get("q")
		err := pool.QueryRow(ctx, bareSearchSQL, q, "%"+q+"%").Scan(&out)
		return out, err
	})
	compare(b, s.BaseURL+"/v1/items:search?query="+url.QueryEscape(q), bare+"?q="+url.QueryEscape(q), nil)
}

func suiteB(b *testing.B) *Suite {
	b.Helper()
	if shared == nil {
		b.Fatal("suite not started (TestMain)")
	}
	return shared
}

func publishedItemID(b *testing.B, s *Suite) string {
	resp, err := s.http.Get(s.BaseURL + "/v1/items?page_size=1")
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	var page struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&page); err != nil || len(page.Items) == 0 {
		b.Fatalf("no published item to read (seed data missing?): %v", err)
	}
	return page.Items[0].ID
}

// bareServer serves query as JSON from a minimal net/http handler over its
// own pool to the content database.
func bareServer(b *testing.B, s *Suite, query func(context.Context, *pgxpool.Pool, *http.Request) (any, error)) string {
	pool, err := pgxpool.New(context.Background(), s.Launch.DatabaseURL("content"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(pool.Close)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		out, err := query(r.Context(), pool, r)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(out)
	})}
	go func() { _ = srv.Serve(ln) }()
	b.Cleanup(func() { _ = srv.Close() })
	return "http://" + ln.Addr().String() + "/"
}

// uncached makes a request bypass the edge cache without signing in.
var uncached = http.Header{"Cookie": {"bench=uncached"}}

// compare loads the edge (cached and uncached), the bare handler and, when
// given, the direct gRPC call with the same concurrency and request count
// and reports throughput, p99 and the ratios.
func compare(b *testing.B, edgeURL, bareURL string, direct func() error) {
	const workers = 8
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers}, Timeout: 30 * time.Second}
	httpGet := func(u string, h http.Header) func() error { return func() error { return get(client, u, h) } }
	for _, h := range []http.Header{nil, uncached} {
		warm(b, httpGet(edgeURL, h))
	}
	warm(b, httpGet(bareURL, nil))
	b.ResetTimer()
	cachedRPS, cachedP99 := load(b, httpGet(edgeURL, nil), b.N, workers)
	edgeRPS, edgeP99 := load(b, httpGet(edgeURL, uncached), b.N, workers)
	bareRPS, bareP99 := load(b, httpGet(bareURL, nil), b.N, workers)
	var grpcRPS float64
	var grpcP99 time.Duration
	if direct != nil {
		warm(b, direct)
		grpcRPS, grpcP99 = load(b, direct, b.N, workers)
	}
	b.StopTimer()
	b.ReportMetric(cachedRPS, "cached_req/s")
	b.ReportMetric(edgeRPS, "edge_req/s")
	b.ReportMetric(bareRPS, "bare_req/s")
	b.ReportMetric(cachedRPS/bareRPS, "cached/bare")
	b.ReportMetric(edgeRPS/bareRPS, "edge/bare")
	b.ReportMetric(float64(cachedP99.Microseconds())/1000, "cached_p99_ms")
	b.ReportMetric(float64(edgeP99.Microseconds())/1000, "edge_p99_ms")
	b.ReportMetric(float64(bareP99.Microseconds())/1000, "bare_p99_ms")
	if direct != nil {
		b.ReportMetric(grpcRPS, "grpc_req/s")
		b.ReportMetric(edgeRPS/grpcRPS, "edge/grpc")
		b.ReportMetric(float64(grpcP99.Microseconds())/1000, "grpc_p99_ms")
	}
}

func warm(b *testing.B, call func() error) {
	for range 20 {
		if err := call(); err != nil {
			b.Fatal(err)
		}
	}
}

// load makes n calls from workers goroutines and returns the rate and the
// p99 latency.
func load(b *testing.B, call func() error, n, workers int) (float64, time.Duration) {
	lat := make([]time.Duration, n)
	var wg sync.WaitGroup
	var next sync.Mutex
	i := 0
	start := time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				next.Lock()
				k := i
				i++
				next.Unlock()
				if k >= n {
					return
				}
				t0 := time.Now()
				if err := call(); err != nil {
					b.Error(err)
					return
				}
				lat[k] = time.Since(t0)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	sort.Slice(lat, func(a, z int) bool { return lat[a] < lat[z] })
	return float64(n) / elapsed.Seconds(), lat[(n*99)/100]
}

func get(c *http.Client, u string, h http.Header) error {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	req.Header = h.Clone()
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var sink json.RawMessage
	if err := json.NewDecoder(resp.Body).Decode(&sink); err != nil || resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %d %v", u, resp.StatusCode, err)
	}
	return nil
}
