package servicetest_test

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/types/known/wrapperspb"

	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/platform/testinfra"
)

func TestMain(m *testing.M) { os.Exit(testinfra.Main(m)) }

func TestWaitEventAndEventsReadWhatWasPublished(t *testing.T) {
	t.Parallel()
	_, js := testinfra.JetStream(t, testinfra.FreshNATS(t))
	for i := range 3 {
		servicetest.PublishEvent(t, js, "demo", "seoul.demo.thing.done", fmt.Sprint("ev-", i),
			wrapperspb.String(fmt.Sprint("thing ", i)))
	}
	got := servicetest.WaitEvent(t, js, "DEMO", "seoul.demo.thing.done",
		func(m *wrapperspb.StringValue) bool { return m.GetValue() == "thing 1" })
	require.Equal(t, "thing 1", got.GetValue())

	all := servicetest.Events[wrapperspb.StringValue](t, js, "DEMO", "seoul.demo.thing.done", 3)
	require.Equal(t, []string{"thing 0", "thing 1", "thing 2"},
		[]string{all[0].GetValue(), all[1].GetValue(), all[2].GetValue()})
}

// failRecorder keeps the failure message instead of failing the test.
type failRecorder struct {
	testing.TB
	msg string
}

func (r *failRecorder) Helper() {}

func (r *failRecorder) Fatalf(format string, args ...any) { r.msg = fmt.Sprintf(format, args...) }

func TestEventuallyReportsTheLastStateSeen(t *testing.T) {
	t.Parallel()
	rec := &failRecorder{TB: t}
	looks := 0
	servicetest.EventuallyWithin(rec, 100*time.Millisecond,
		servicetest.Detail(func() string { return fmt.Sprintf("the count (%d looks)", looks) }),
		func() bool { looks++; return false })
	require.Positive(t, looks)
	require.Equal(t, fmt.Sprintf("timed out after 100ms waiting for the count (%d looks)", looks), rec.msg)

	rec.msg = ""
	servicetest.EventuallyWithin(rec, time.Second, "nothing", func() bool { return true })
	require.Empty(t, rec.msg, "a condition that holds ends the wait")
}
