package server_test

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	"github.com/seoul-gov/homepage/services/content/server"
)

// benchCatalogue starts a content service holding 200 published items
// (Korean, a third with English) and returns it with one item's id.
func benchCatalogue(b *testing.B) (*suite, string) {
	return benchCatalogueWith(b, server.TestConfig())
}

// benchCatalogueWith is benchCatalogue on a service configured by cfg.
func benchCatalogueWith(b *testing.B, cfg *server.Config) (*suite, string) {
	b.Helper()
	s := start(b, cfg)
	topics := []string{"공공자전거 따릉이", "한강 여름 축제", "청년 월세 지원", "서울 도서관", "미세먼지 저감",
		"전기차 충전소", "어르신 돌봄", "지하철 연장", "스마트 가로등", "공원 산책로"}
	var id string
	for i := range 200 {
		topic := topics[i%len(topics)]
		req := draft(fmt.Sprintf("%s 안내 %d", topic, i))
		req.Body = map[string]string{"ko": fmt.Sprintf("%s에 관한 상세 안내입니다. 신청 방법과 문의처를 확인하세요. (%d)", topic, i)}
		if i%3 == 0 {
			req.Title["en"] = fmt.Sprintf("Guide %d", i)
		}
		it := s.publish(b, s.digital, req)
		if i == 100 {
			id = it.Id
		}
	}
	// A live database has planner statistics (autovacuum analyzes after
	// bulk inserts); give the fresh one the same before measuring.
	_, err := s.env.Pool.Exec(b.Context(), "ANALYZE")
	if err != nil {
		b.Fatal(err)
	}
	return s, id
}

// BenchmarkGetItem reads one published item by id over gRPC as the public
// does through GET /v1/items/{id} (anonymous: answered from the service's
// read cache after the first read), from parallel clients; it reports req/s
// and p99 latency. The catalogue is built once, outside the timing. The
// bare sub-benchmark is the floor of issue 17 in the same run: a minimal
// net/http handler answering the item with one SQL query (as e2e's
// BenchmarkEdgeVsBareGetItem's bare handler does) from the same database
// with the same concurrency.
func BenchmarkGetItem(b *testing.B) {
	benchGetItem(b, server.TestConfig())
}

// BenchmarkGetItemUncached is BenchmarkGetItem with the service's read
// cache off: every read queries PostgreSQL, as a read the cache does not
// hold (or the first after a change) does.
func BenchmarkGetItemUncached(b *testing.B) {
	cfg := server.TestConfig()
	cfg.ReadCacheOff = true
	benchGetItem(b, cfg)
}

func benchGetItem(b *testing.B, cfg *server.Config) {
	s, id := benchCatalogueWith(b, cfg)
	req := &contentv1.GetItemRequest{ItemId: id, Language: "en"}
	b.Run("grpc", func(b *testing.B) {
		runParallel(b, func() error {
			_, err := s.c.GetItem(s.public, req)
			return err
		})
	})
	b.Run("bare", func(b *testing.B) {
		get := bareItemServer(b, s)
		runParallel(b, func() error { return get(id) })
	})
}

// bareItemSQL reads what GetItem returns: the item, its department contact
// and its texts in every language (e2e/edgebench_test.go's bare query).
const bareItemSQL = `SELECT jsonb_build_object('id', i.id, 'slug', i.slug, 'kind', i.kind, 'status', i.status,
	'department', jsonb_build_object('code', d.code, 'name_ko', d.name_ko, 'phone', d.phone, 'email', d.email),
	'texts', (SELECT jsonb_agg(jsonb_build_object('language', t.language, 'title', t.title,
		'summary', t.summary, 'body', t.body)) FROM item_texts t WHERE t.item_id = i.id))
	FROM items i JOIN departments d ON d.code = i.department_code WHERE i.id = $1`

// bareItemServer serves bareItemSQL as JSON over loopback HTTP and returns
// a client call reading one item from it.
func bareItemServer(b *testing.B, s *suite) func(id string) error {
	b.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var out json.RawMessage
		if err := s.env.Pool.QueryRow(r.Context(), bareItemSQL, r.URL.Query().Get("id")).Scan(&out); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(out)
	})}
	go func() { _ = srv.Serve(ln) }()
	b.Cleanup(func() { _ = srv.Close() })
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: benchClients}}
	base := "http://" + ln.Addr().String() + "/?id="
	return func(id string) error {
		resp, err := client.Get(base + id)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		var sink json.RawMessage
		if err := json.NewDecoder(resp.Body).Decode(&sink); err != nil || resp.StatusCode != http.StatusOK {
			return fmt.Errorf("bare GET: %d %v", resp.StatusCode, err)
		}
		return nil
	}
}

// BenchmarkListItems lists the newest published items over gRPC as the
// public does through GET /v1/items (a page of 20, in English where
// translated), from parallel clients; it reports req/s and p99 latency.
func BenchmarkListItems(b *testing.B) {
	s, _ := benchCatalogue(b)
	req := &contentv1.ListItemsRequest{Language: "en"}
	b.Run("grpc", func(b *testing.B) {
		runParallel(b, func() error {
			resp, err := s.c.ListItems(s.public, req)
			if err == nil && len(resp.Items) != 20 {
				err = fmt.Errorf("a page of %d items", len(resp.Items))
			}
			return err
		})
	})
}

// BenchmarkSearch runs Korean searches over gRPC as GET /v1/items:search
// does, from parallel clients; it reports req/s and p99 latency.
func BenchmarkSearch(b *testing.B) {
	s, _ := benchCatalogue(b)
	queries := []string{"따릉이", "축제", "월세 지원", "도서관", "충전소"}
	var next atomic.Int64
	b.Run("grpc", func(b *testing.B) {
		runParallel(b, func() error {
			q := queries[int(next.Add(1))%len(queries)]
			resp, err := s.c.SearchItems(s.public, &contentv1.SearchItemsRequest{Query: q, PageSize: 10})
			if err == nil && len(resp.Items) == 0 {
				err = fmt.Errorf("no hits for %q", q)
			}
			return err
		})
	})
}

// benchClients is how many clients call at once: as many as e2e's edge
// and bare benchmarks use, so their figures compare (RunParallel's default,
// one per CPU, is two on the development machine).
const benchClients = 8

// runParallel calls call b.N times from benchClients goroutines and
// reports throughput and the 99th percentile latency.
func runParallel(b *testing.B, call func() error) {
	b.Helper()
	var mu sync.Mutex
	lat := make([]time.Duration, 0, b.N)
	b.SetParallelism(max(1, benchClients/runtime.GOMAXPROCS(0)))
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime(b)
	begin := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		local := make([]time.Duration, 0, 1024)
		for pb.Next() {
			t0 := time.Now()
			if err := call(); err != nil {
				b.Error(err)
				return
			}
			local = append(local, time.Since(t0))
		}
		mu.Lock()
		lat = append(lat, local...)
		mu.Unlock()
	})
	elapsed := time.Since(begin)
	cpu := cpuTime(b) - cpu0
	b.StopTimer()
	if len(lat) == 0 {
		return
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(len(lat))/elapsed.Seconds(), "req/s")
	// CPU time of this process (client and service; PostgreSQL apart) per
	// call: what the Go side costs, steadier than wall time on a machine
	// shared with other work.
	b.ReportMetric(float64(cpu.Microseconds())/float64(len(lat)), "cpu-µs/op")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
}

// cpuTime is the CPU time (user and system) the process has used so far.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
