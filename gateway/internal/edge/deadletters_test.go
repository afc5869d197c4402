package edge_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	opsv1 "github.com/seoul-gov/homepage/gen/seoul/ops/v1"
)

// fakeDeadLetters answers as the named upstream, so a test can see which
// service a dead-letter call reached.
type fakeDeadLetters struct {
	opsv1.UnimplementedDeadLetterServiceServer
	service string
}

func (f fakeDeadLetters) ListDeadLetters(context.Context, *opsv1.ListDeadLettersRequest) (*opsv1.ListDeadLettersResponse, error) {
	return &opsv1.ListDeadLettersResponse{DeadLetters: []*opsv1.DeadLetter{{Consumer: "answered-by-" + f.service}}}, nil
}

func (f fakeDeadLetters) ReplayDeadLetter(_ context.Context, req *opsv1.ReplayDeadLetterRequest) (*opsv1.ReplayDeadLetterResponse, error) {
	return &opsv1.ReplayDeadLetterResponse{Applied: true,
		DeadLetter: &opsv1.DeadLetter{Sequence: req.GetSequence(), Consumer: "answered-by-" + f.service}}, nil
}

// The dead-letter routes reach the service their {service} segment names,
// since every service serves its own dead letters.
func TestDeadLetterRoutesReachTheNamedService(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, svc := range []string{"mileage", "privacy", "board"} {
		rec := e.do(http.MethodGet, "/v1/services/"+svc+"/dead-letters", "")
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		var list struct {
			DeadLetters []struct {
				Consumer string `json:"consumer"`
			} `json:"dead_letters"`
		}
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &list))
		require.Len(t, list.DeadLetters, 1)
		require.Equal(t, "answered-by-"+svc, list.DeadLetters[0].Consumer)
	}
	rec := e.do(http.MethodPost, "/v1/services/event/dead-letters/7:replay", "{}")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var replayed struct {
		Applied    bool `json:"applied"`
		DeadLetter struct {
			Sequence string `json:"sequence"`
			Consumer string `json:"consumer"`
		} `json:"dead_letter"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &replayed))
	require.True(t, replayed.Applied)
	require.Equal(t, "7", replayed.DeadLetter.Sequence)
	require.Equal(t, "answered-by-event", replayed.DeadLetter.Consumer)

	rec = e.do(http.MethodGet, "/v1/services/nowhere/dead-letters", "")
	require.Equal(t, http.StatusNotFound, rec.Code, rec.Body.String())
	require.Equal(t, "NOT_FOUND", decodeError(t, rec).Status)
}
