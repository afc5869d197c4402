package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// route is one kind of request of the mix: its share (weight) and how to
// make the next one.
type route struct {
	name   string
	weight int
	make   func(w *world, n uint64, pick func(int) int) (method, path, token string, body any)
}

// searches are what citizens look for on the homepage.
var searches = []string{"서울", "따릉이", "버스", "주차", "복지", "청년", "재난", "문화"}

// routes is the mix: about four in five requests are anonymous public
// reads, the rest signed-in citizens posting, filing complaints, reading
// their points and redeeming them.
var routes = []route{
	{"GET /v1/items/{id}", 30, func(w *world, _ uint64, pick func(int) int) (string, string, string, any) {
		return "GET", "/v1/items/" + w.items[pick(len(w.items))], "", nil
	}},
	{"GET /v1/items", 10, func(_ *world, _ uint64, pick func(int) int) (string, string, string, any) {
		return "GET", fmt.Sprintf("/v1/items?page_size=%d", 10+10*pick(2)), "", nil
	}},
	{"GET /v1/items:search", 10, func(_ *world, _ uint64, pick func(int) int) (string, string, string, any) {
		return "GET", "/v1/items:search?query=" + url.QueryEscape(searches[pick(len(searches))]), "", nil
	}},
	{"GET /v1/departments", 5, func(*world, uint64, func(int) int) (string, string, string, any) {
		return "GET", "/v1/departments", "", nil
	}},
	{"GET /v1/boards/{id}/posts", 12, func(w *world, _ uint64, pick func(int) int) (string, string, string, any) {
		return "GET", "/v1/boards/" + w.boards[pick(len(w.boards))] + "/posts", "", nil
	}},
	{"GET /v1/mileage/rules", 5, func(*world, uint64, func(int) int) (string, string, string, any) {
		return "GET", "/v1/mileage/rules", "", nil
	}},
	{"GET /v1/public-complaints", 5, func(*world, uint64, func(int) int) (string, string, string, any) {
		return "GET", "/v1/public-complaints", "", nil
	}},
	{"POST /v1/boards/{id}/posts", 9, func(w *world, n uint64, pick func(int) int) (string, string, string, any) {
		return "POST", "/v1/boards/" + w.boards[pick(len(w.boards))] + "/posts", w.citizens[pick(len(w.citizens))],
			map[string]any{"title": "제안 " + strconv.FormatUint(n, 10), "body": proposal(pick),
				"request_id": fmt.Sprintf("load-%s-post-%d", w.run, n)}
	}},
	{"POST /v1/complaints", 4, func(w *world, n uint64, pick func(int) int) (string, string, string, any) {
		return "POST", "/v1/complaints", w.citizens[pick(len(w.citizens))],
			map[string]any{"request_id": fmt.Sprintf("load-%s-complaint-%d", w.run, n), "complaint_type": "inquiry_procedure",
				"title": "가로등 고장", "body": "골목 가로등이 꺼져 있습니다.",
				"contact": map[string]string{"name": "부하시험", "phone": "010-0000-0000"}}
	}},
	{"GET /v1/mileage/accounts/me", 7, func(w *world, _ uint64, pick func(int) int) (string, string, string, any) {
		return "GET", "/v1/mileage/accounts/me", w.citizens[pick(len(w.citizens))], nil
	}},
	{"POST /v1/mileage/redemptions", 3, func(w *world, n uint64, pick func(int) int) (string, string, string, any) {
		return "POST", "/v1/mileage/redemptions", w.citizens[pick(len(w.citizens))],
			map[string]any{"idempotency_key": fmt.Sprintf("load-%s-redeem-%d", w.run, n), "item_id": "transit-topup",
				"points": 1000, "transit_card_number": "1234-5678-9012-3456"}
	}},
}

var (
	places   = []string{"시청역", "광화문", "신촌", "잠실", "노원", "강서구청", "여의도", "성수동", "홍대입구", "서울숲"}
	subjects = []string{"보행 신호", "버스 배차", "자전거 도로", "가로등", "공중화장실", "쓰레기통", "횡단보도", "공원 벤치", "어린이 놀이터", "분리수거함"}
	asks     = []string{"늘려 주세요", "고쳐 주세요", "옮겨 주세요", "점검해 주세요", "밝게 해 주세요", "자주 청소해 주세요", "안내판을 달아 주세요"}
)

// proposal is a citizen's post: a board refuses the same author's exact
// repeat, so posts vary.
func proposal(pick func(int) int) string {
	var b strings.Builder
	for range 3 {
		fmt.Fprintf(&b, "%s %s %s. ", places[pick(len(places))], subjects[pick(len(subjects))], asks[pick(len(asks))])
	}
	return strings.TrimSpace(b.String())
}

// mix picks routes by weight and remembers which route each request it made
// belongs to, for the report.
type mix struct {
	w      *world
	total  int
	n      atomic.Uint64
	mu     sync.Mutex
	rng    *rand.Rand
	labels sync.Map // method + " " + URL → route name
}

func newMix(w *world) *mix {
	m := &mix{w: w, rng: rand.New(rand.NewPCG(1, 2))}
	for _, r := range routes {
		m.total += r.weight
	}
	return m
}

// pick is a random index below n; vegeta's workers call the targeter
// concurrently, so the generator is guarded.
func (m *mix) pick(n int) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.rng.IntN(n)
}

// targeter is vegeta's source of requests.
func (m *mix) targeter() vegeta.Targeter {
	return func(t *vegeta.Target) error {
		n := m.n.Add(1)
		r := m.choose()
		method, path, tok, body := r.make(m.w, n, m.pick)
		t.Method, t.URL, t.Body = method, m.w.base+path, nil
		t.Header = http.Header{}
		if body != nil {
			b, err := json.Marshal(body)
			if err != nil {
				return err
			}
			t.Body = b
			t.Header.Set("Content-Type", "application/json")
		}
		if tok != "" {
			t.Header.Set("Authorization", "Bearer "+tok)
		}
		m.labels.Store(method+" "+t.URL, r.name)
		return nil
	}
}

func (m *mix) choose() route {
	k := m.pick(m.total)
	for _, r := range routes {
		if k < r.weight {
			return r
		}
		k -= r.weight
	}
	return routes[len(routes)-1]
}

// label is the route a result belongs to.
func (m *mix) label(res *vegeta.Result) string {
	if v, ok := m.labels.Load(res.Method + " " + res.URL); ok {
		return v.(string)
	}
	return res.Method + " " + res.URL
}
