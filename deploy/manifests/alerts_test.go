package manifests

import (
	"strings"
	"testing"
	"time"

	"github.com/prometheus/prometheus/promql/promqltest"
	"github.com/stretchr/testify/require"
)

// alertCase is one alert evaluated over series in promqltest's load
// notation (one sample a minute from time 0), at minute at.
type alertCase struct {
	alert, series string
	at            int
	fires         bool
}

// Each alert fires on the series that describe its trouble and stays quiet
// on a healthy suite: the rules as rendered, evaluated by Prometheus' own
// engine (their `for` durations aside).
func TestAlertsFireOnTroubleAndOnlyThen(t *testing.T) {
	t.Parallel()
	exprs := map[string]string{}
	for _, g := range find[*PrometheusRule](t, render(t, "production"), "PrometheusRule/seoul-homepage").Spec.Groups {
		for _, r := range g.Rules {
			exprs[r.Alert] = r.Expr
		}
	}
	engine := promqltest.NewTestEngine(t, false, 0, 100000)
	for _, c := range alertCases {
		name := c.alert + map[bool]string{true: " fires", false: " stays quiet"}[c.fires]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			expr, ok := exprs[c.alert]
			require.True(t, ok, "no alert %s", c.alert)
			storage := promqltest.LoadedStorage(t, loadScript(c.series))
			t.Cleanup(func() { _ = storage.Close() })
			q, err := engine.NewInstantQuery(t.Context(), storage, nil, expr, time.Unix(0, 0).Add(time.Duration(c.at)*time.Minute))
			require.NoError(t, err)
			res := q.Exec(t.Context())
			require.NoError(t, res.Err)
			v, err := res.Vector()
			require.NoError(t, err)
			require.Equal(t, c.fires, len(v) > 0, "%s at %dm: %v", expr, c.at, v)
		})
	}
}

var alertCases = []alertCase{
	{alert: "ComplaintsOverdue", at: 30, fires: true,
		series: `petition_complaints_overdue{service="petition"} 0 0 3x30`},
	{alert: "ComplaintsOverdue", at: 30,
		series: `petition_complaints_overdue{service="petition"} 0x30`},
	// time() is 0 at minute 0: coverage ending 30 days later is near.
	{alert: "HolidayTableEndsSoon", at: 10, fires: true,
		series: `petition_holiday_table_covered_until_timestamp_seconds{service="petition"} 2592000x10`},
	{alert: "HolidayTableEndsSoon", at: 10,
		series: `petition_holiday_table_covered_until_timestamp_seconds{service="petition"} 34128000x10`},
	{alert: "HolidayTableEndsNow", at: 10, fires: true,
		series: `petition_holiday_table_covered_until_timestamp_seconds{service="petition"} 864000x10`},
	{alert: "HolidayTableEndsNow", at: 10,
		series: `petition_holiday_table_covered_until_timestamp_seconds{service="petition"} 2592000x10`},
	{alert: "OutboxLagging", at: 10, fires: true,
		series: `outbox_oldest_unsent_age_seconds{service="board", pod="board-1"} 0 0 60+60x8`},
	{alert: "OutboxLagging", at: 10,
		series: `outbox_oldest_unsent_age_seconds{service="board", pod="board-1"} 0 1 0 2 0 1 0 0 1 0 0`},
	{alert: "ConsumerLagging", at: 10, fires: true,
		series: `consumer_pending_events{service="mileage", consumer="awards-board"} 100+500x10`},
	{alert: "ConsumerLagging", at: 10,
		series: `consumer_pending_events{service="mileage", consumer="awards-board"} 3x10`},
	{alert: "ConsumerStuck", at: 30, fires: true, series: `
  consumer_pending_events{service="mileage", consumer="awards-board"} 20x30
  events_consumed_total{service="mileage", consumer="awards-board", outcome="applied"} 100x30`},
	{alert: "ConsumerStuck", at: 30, series: `
  consumer_pending_events{service="mileage", consumer="awards-board"} 20x30
  events_consumed_total{service="mileage", consumer="awards-board", outcome="applied"} 100+10x30`},
	{alert: "EventsDeadLettered", at: 20, fires: true,
		series: `events_consumed_total{service="mileage", consumer="awards-board", outcome="dead_letter"} 0x10 1x10`},
	{alert: "EventsDeadLettered", at: 20,
		series: `events_consumed_total{service="mileage", consumer="awards-board", outcome="dead_letter"} 0x20`},
	{alert: "SMTPUnavailable", at: 20, fires: true, series: `
  mail_smtp_attempts_total{service="mail", outcome="unreachable"} 0+10x20
  mail_smtp_attempts_total{service="mail", outcome="accepted"} 500x20`},
	{alert: "SMTPUnavailable", at: 20, series: `
  mail_smtp_attempts_total{service="mail", outcome="unreachable"} 0+1x20
  mail_smtp_attempts_total{service="mail", outcome="accepted"} 500+50x20`},
	{alert: "SMTPFailing", at: 40, fires: true, series: `
  mail_smtp_attempts_total{service="mail", outcome="deferred"} 0+10x40
  mail_smtp_attempts_total{service="mail", outcome="accepted"} 0+10x40`},
	{alert: "SMTPFailing", at: 40, series: `
  mail_smtp_attempts_total{service="mail", outcome="deferred"} 0+1x40
  mail_smtp_attempts_total{service="mail", outcome="accepted"} 0+100x40`},
	{alert: "SMTPRejecting", at: 60, fires: true,
		series: `mail_smtp_attempts_total{service="mail", outcome="rejected"} 0+1x60`},
	{alert: "SMTPRejecting", at: 60,
		series: `mail_smtp_attempts_total{service="mail", outcome="rejected"} 0x30 2x30`},
	{alert: "RouteErrors", at: 10, fires: true, series: `
  gateway_http_requests_total{service="gateway", route="GET /v1/items/{id}", status="500"} 0+60x10
  gateway_http_requests_total{service="gateway", route="GET /v1/items/{id}", status="200"} 0+60x10`},
	{alert: "RouteErrors", at: 10, series: `
  gateway_http_requests_total{service="gateway", route="GET /v1/items/{id}", status="500"} 0+1x10
  gateway_http_requests_total{service="gateway", route="GET /v1/items/{id}", status="200"} 0+600x10`},
	{alert: "RPCInternalErrors", at: 10, fires: true,
		series: `grpc_server_handled_total{service="board", method="/seoul.board.v1.BoardService/CreatePost", code="Internal"} 0+60x10`},
	{alert: "RPCInternalErrors", at: 10,
		series: `grpc_server_handled_total{service="board", method="/seoul.board.v1.BoardService/CreatePost", code="OK"} 0+600x10`},
	{alert: "ScheduledJobFailing", at: 40, fires: true, series: `
  job_runs_total{service="content", job="stale-detector", outcome="failed"} 0+1x40
  job_runs_total{service="content", job="stale-detector", outcome="ok"} 7x40`},
	{alert: "ScheduledJobFailing", at: 40, series: `
  job_runs_total{service="content", job="stale-detector", outcome="failed"} 0x20 1x20
  job_runs_total{service="content", job="stale-detector", outcome="ok"} 0+1x40`},
	{alert: "PrivacyRefusalsSpike", at: 20, fires: true,
		series: `privacy_access_refused_total{service="privacy", operation="reveal", caller="client:prize-delivery"} 0+10x20`},
	{alert: "PrivacyRefusalsSpike", at: 20,
		series: `privacy_access_refused_total{service="privacy", operation="reveal", caller="client:prize-delivery"} 0x10 3x10`},
}

// loadScript is a promqltest load command for series, one a line.
func loadScript(series string) string {
	script := "load 1m\n"
	for _, line := range strings.Split(strings.TrimSpace(series), "\n") {
		script += "  " + strings.TrimSpace(line) + "\n"
	}
	return script
}

// Every alert has a case that fires and one that stays quiet.
func TestEveryAlertHasCases(t *testing.T) {
	t.Parallel()
	seen := map[string]map[bool]bool{}
	for _, c := range alertCases {
		if seen[c.alert] == nil {
			seen[c.alert] = map[bool]bool{}
		}
		seen[c.alert][c.fires] = true
	}
	for _, g := range find[*PrometheusRule](t, render(t, "production"), "PrometheusRule/seoul-homepage").Spec.Groups {
		for _, r := range g.Rules {
			require.True(t, seen[r.Alert][true] && seen[r.Alert][false], "alert %s needs a firing and a quiet case", r.Alert)
		}
	}
}
