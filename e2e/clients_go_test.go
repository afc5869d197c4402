package e2e

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/gen/openapi/seoulapi"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// TestGeneratedGoClientJourneys drives the main journeys (A3.1.1 read and
// search information, A3.1.4 post on a board, A3.1.3/A6.2 file and track a
// complaint, A8.1 read points) through the Go client generated from the
// contract (gen/openapi/seoulapi), against the running suite, with every
// exchange checked against the contract on the way.
func TestGeneratedGoClientJourneys(t *testing.T) {
	t.Parallel()
	s := suite(t)
	proxy := startContractProxy(t, s.BaseURL)
	citizen := s.Client(t, identity.Claims{Subject: "contract-go-citizen", Roles: []identity.Role{identity.RoleCitizen},
		RealNameVerified: true})
	anon, err := seoulapi.NewClientWithResponses(proxy.URL)
	require.NoError(t, err)
	signedIn, err := seoulapi.NewClientWithResponses(proxy.URL, seoulapi.WithRequestEditorFn(bearer(citizen.token)))
	require.NoError(t, err)
	ctx := context.Background()

	readAndSearch(ctx, t, anon)
	postOnABoard(ctx, t, anon, signedIn)
	fileAndTrackAComplaint(ctx, t, signedIn)
	readPoints(ctx, t, signedIn, 100)
	refusals(ctx, t, anon, signedIn)
	proxy.requireMatched(t, 12)
}

func bearer(token string) seoulapi.RequestEditorFn {
	return func(_ context.Context, r *http.Request) error {
		r.Header.Set("Authorization", "Bearer "+token)
		return nil
	}
}

func ptr[T any](v T) *T { return &v }

func val[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func readAndSearch(ctx context.Context, t *testing.T, c *seoulapi.ClientWithResponses) {
	deps, err := c.ContentServiceListDepartmentsWithResponse(ctx)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, deps.StatusCode(), string(deps.Body))
	require.NotEmpty(t, val(deps.JSON200.Departments))
	for _, d := range val(deps.JSON200.Departments) {
		require.NotEmpty(t, val(d.Code))
		require.NotEmpty(t, val(d.NameKo))
	}

	found, err := c.ContentServiceSearchItemsWithResponse(ctx, &seoulapi.ContentServiceSearchItemsParams{Query: ptr("따릉이")})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, found.StatusCode(), string(found.Body))
	items := val(found.JSON200.Items)
	require.NotEmpty(t, items, "the sample data has the public bike item")
	first := items[0]
	require.Contains(t, val(first.Text.Title), "따릉이")

	item, err := c.ContentServiceGetItemWithResponse(ctx, val(first.Id), &seoulapi.ContentServiceGetItemParams{Language: ptr("ko")})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, item.StatusCode(), string(item.Body))
	require.Equal(t, val(first.Text.Title), val(item.JSON200.Text.Title))
	require.NotEmpty(t, val(item.JSON200.Department.Phone), "A4.2: the responsible department's contact")
}

func postOnABoard(ctx context.Context, t *testing.T, anon, c *seoulapi.ClientWithResponses) {
	boards, err := anon.BoardServiceListBoardsWithResponse(ctx, nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, boards.StatusCode(), string(boards.Body))
	board := val(val(boards.JSON200.Boards)[0].Id)

	created, err := c.BoardServiceCreatePostWithResponse(ctx, board, seoulapi.CreatePostBody{
		Title: ptr("자전거 도로 연결"), Body: ptr("한강 자전거 도로와 시청 앞 도로를 이어 주세요."), RequestId: ptr("contract-go-post")})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, created.StatusCode(), string(created.Body))
	post := created.JSON200
	require.Equal(t, "자전거 도로 연결", val(post.Title))
	require.NotEmpty(t, val(post.Etag))

	list, err := anon.BoardServiceListPostsWithResponse(ctx, board, &seoulapi.BoardServiceListPostsParams{PageSize: ptr(int32(50))})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, list.StatusCode(), string(list.Body))
	require.True(t, slices.ContainsFunc(val(list.JSON200.Posts), func(p seoulapi.Post) bool { return val(p.Id) == val(post.Id) }),
		"the new post is listed on its board")
}

func fileAndTrackAComplaint(ctx context.Context, t *testing.T, c *seoulapi.ClientWithResponses) {
	types, err := c.PetitionServiceListComplaintTypesWithResponse(ctx)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, types.StatusCode(), string(types.Body))
	kind := val(val(types.JSON200.ComplaintTypes)[0].Code)

	filed, err := c.PetitionServiceSubmitComplaintWithResponse(ctx, seoulapi.SubmitComplaintRequest{
		RequestId: ptr("contract-go-complaint"), ComplaintType: ptr(kind), Title: ptr("가로등 고장"),
		Body:    ptr("시청역 3번 출구 앞 가로등이 꺼져 있습니다."),
		Contact: &seoulapi.PetitionV1Contact{Name: ptr("계약시민"), Phone: ptr("010-2345-6789")}})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, filed.StatusCode(), string(filed.Body))
	complaint := filed.JSON200.Complaint
	require.Regexp(t, `^SMG-\d{4}-\d+$`, val(complaint.ReceiptNumber))
	require.NotContains(t, string(filed.Body), "2345-6789", "the contact is shown masked (A10.1)")

	got, err := c.PetitionServiceGetComplaintWithResponse(ctx, val(complaint.Id), nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, got.StatusCode(), string(got.Body))
	require.Equal(t, val(complaint.ReceiptNumber), val(got.JSON200.ReceiptNumber))
	require.NotNil(t, got.JSON200.Due, "A6.2: the statutory due date")

	mine, err := c.PetitionServiceListComplaintsWithResponse(ctx, &seoulapi.PetitionServiceListComplaintsParams{})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, mine.StatusCode(), string(mine.Body))
	require.True(t, slices.ContainsFunc(val(mine.JSON200.Complaints), func(x seoulapi.Complaint) bool {
		return val(x.Id) == val(complaint.Id)
	}), "the complainant's own list has it")
}

// readPoints waits for the board's event to credit the post's points.
func readPoints(ctx context.Context, t *testing.T, c *seoulapi.ClientWithResponses, want int64) {
	var balance int64
	servicetest.Eventually(t, "points credited for the post", func() bool {
		acc, err := c.MileageServiceGetAccountWithResponse(ctx, "me")
		if err != nil || acc.StatusCode() != http.StatusOK {
			return false
		}
		balance, err = strconv.ParseInt(val(acc.JSON200.Balance), 10, 64)
		return err == nil && balance >= want
	})
	require.Equal(t, want, balance)
}

// refusals: the generated client decodes the edge's errors as the contract
// declares them.
func refusals(ctx context.Context, t *testing.T, anon, c *seoulapi.ClientWithResponses) {
	bad, err := c.BoardServiceCreatePostWithResponse(ctx, "not-a-board", seoulapi.CreatePostBody{Title: ptr("")})
	require.NoError(t, err)
	require.Equal(t, http.StatusBadRequest, bad.StatusCode(), string(bad.Body))
	var fields []string
	for _, v := range val(bad.JSON400.FieldViolations) {
		fields = append(fields, v.Field)
	}
	require.Contains(t, strings.Join(fields, ","), "title")

	unsigned, err := anon.PetitionServiceListComplaintsWithResponse(ctx, &seoulapi.PetitionServiceListComplaintsParams{})
	require.NoError(t, err)
	require.Equal(t, http.StatusUnauthorized, unsigned.StatusCode(), string(unsigned.Body))
	require.Equal(t, "UNAUTHENTICATED", unsigned.JSON401.Status)
}
