package grpcserver

import (
	"testing"

	"github.com/stretchr/testify/require"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
)

// The audit line names the resource by its ids, not by its contents, and
// a read-only method of the suite is told from one that changes state by
// its declared idempotency level.
func TestAuditNamesResourcesAndReadsTheMethodsLevel(t *testing.T) {
	require.Equal(t, "post_id=p-1", resource(&boardv1.GetPostRequest{PostId: "p-1"}))
	require.True(t, readOnly("/seoul.board.v1.BoardService/GetPost"))
	require.False(t, readOnly("/seoul.board.v1.BoardService/CreatePost"))
	require.False(t, readOnly("/no.such.Service/Method"))
}
