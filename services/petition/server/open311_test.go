package server_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/platform/clients"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/petition/server"
	privacyserver "github.com/seoul-gov/homepage/services/privacy/server"
)

// TestA3_1_3_Open311GeoReportV2: the Open311 RPCs the edge's GeoReport
// transport (gateway/internal/open311) serves civic apps with: one service
// per complaint type, a complaint filed from GeoReport's fields by an
// identified complainant, requests visible to their owner and, once
// published, to the public.
func TestA3_1_3_Open311GeoReportV2(t *testing.T) {
	t.Parallel()
	f := start(t)
	services, err := f.api.Open311ListServices(context.Background(), &petitionv1.Open311ListServicesRequest{})
	require.NoError(t, err)
	require.Len(t, services.GetServices(), 5)
	first := services.GetServices()[0]
	require.Equal(t, "inquiry_procedure", first.GetServiceCode())
	require.Equal(t, "realtime", first.GetType())
	require.False(t, first.GetMetadata(), "no complaint type asks for extra fields")

	req := &petitionv1.Open311SubmitRequestRequest{ServiceCode: "other", Description: "가로등이 꺼져 있습니다.\n세종대로 172 앞",
		FirstName: "길동", LastName: "홍", Phone: "010-2222-3333", Lat: 37.5716, Long: 126.9769, AddressString: "세종대로 172"}
	_, err = f.api.Open311SubmitRequest(context.Background(), req)
	require.Equal(t, codes.Unauthenticated, status.Code(err), "a complainant must be identified")
	receipt, err := f.api.Open311SubmitRequest(f.as(t, citizen), req)
	require.NoError(t, err)
	id := receipt.GetRequests()[0].GetServiceRequestId()
	require.Regexp(t, `^SMG-\d{4}-\d{6}$`, id)
	require.Equal(t, citizen.Subject, receipt.GetRequests()[0].GetAccountId())

	stored, err := f.api.GetComplaint(f.as(t, citizen), &petitionv1.GetComplaintRequest{ComplaintId: f.idOf(t, id)})
	require.NoError(t, err)
	require.Equal(t, "가로등이 꺼져 있습니다.", stored.GetTitle())
	require.Equal(t, "홍*동", stored.GetContact().GetName())

	// The owner sees it; the public does not (no publication consent
	// through GeoReport).
	one, err := f.api.Open311GetRequest(f.as(t, citizen), &petitionv1.Open311GetRequestRequest{ServiceRequestId: id})
	require.NoError(t, err)
	require.Equal(t, "open", one.GetRequests()[0].GetStatus())
	require.NotNil(t, one.GetRequests()[0].GetExpectTime())
	require.NotContains(t, one.String(), "2222")
	_, err = f.api.Open311GetRequest(context.Background(), &petitionv1.Open311GetRequestRequest{ServiceRequestId: id})
	require.Equal(t, codes.NotFound, status.Code(err))

	mine, err := f.api.Open311ListRequests(f.as(t, citizen), &petitionv1.Open311ListRequestsRequest{Status: "open"})
	require.NoError(t, err)
	require.Len(t, mine.GetRequests(), 1)
	public, err := f.api.Open311ListRequests(context.Background(), &petitionv1.Open311ListRequestsRequest{})
	require.NoError(t, err)
	require.Empty(t, public.GetRequests())
	_, err = f.api.Open311ListRequests(context.Background(), &petitionv1.Open311ListRequestsRequest{Status: "pending"})
	servicetest.RequireInvalidField(t, err, "status")
}

// TestA3_1_3_Open311RefusesWhatIsNotOffered: bad input names GeoReport's
// own fields, every one at once; what the suite does not offer (media,
// address ids) is refused rather than silently dropped; nothing is stored.
func TestA3_1_3_Open311RefusesWhatIsNotOffered(t *testing.T) {
	t.Parallel()
	f := start(t)
	ctx := f.as(t, citizen)
	_, err := f.api.Open311SubmitRequest(ctx, &petitionv1.Open311SubmitRequestRequest{ServiceCode: "x"})
	for _, field := range []string{"service_code", "first_name", "description", "address_string"} {
		servicetest.RequireInvalidField(t, err, field)
	}
	_, err = f.api.Open311SubmitRequest(ctx, &petitionv1.Open311SubmitRequestRequest{ServiceCode: "other",
		Description: "보도블록 파손", FirstName: "길동", LastName: "홍", Email: "hong@example.kr",
		AddressId: "1168010100", MediaUrl: "https://example.org/photo.jpg"})
	servicetest.RequireInvalidField(t, err, "media_url")
	servicetest.RequireInvalidField(t, err, "address_id")
	servicetest.RequireInvalidField(t, err, "address_string")
	var n int
	require.NoError(t, f.env.Pool.QueryRow(context.Background(), `SELECT count(*) FROM complaints`).Scan(&n))
	require.Zero(t, n)
}

func (f fixture) idOf(t *testing.T, receipt string) string {
	t.Helper()
	var id string
	require.NoError(t, f.env.Pool.QueryRow(context.Background(),
		`SELECT id::text FROM complaints WHERE receipt_number = $1`, receipt).Scan(&id))
	return id
}

// A3.1.3, A10.4: an app registered as a machine client files GeoReport
// requests for the people who use it with its API key (the edge passes
// GeoReport's api_key on as x-api-key): the complainant is a subject of
// the app's own namespace — the person's account in the app, or one per
// request — so their contact is theirs in the vault, never the app's. An
// unknown key, or a client whose registration lacks the RPC, is refused.
func TestA3_1_3_Open311APIKeyFilesForAPerson(t *testing.T) {
	t.Parallel()
	registry := `{"clients":[
	  {"id":"district-app","methods":["/seoul.petition.v1.PetitionService/Open311SubmitRequest",
	     "/seoul.privacy.v1.PrivacyService/StorePersonalData","/seoul.privacy.v1.PrivacyService/StorePersonalText"],
	   "api_key_sha256":["` + clients.KeyDigest("district-key") + `"]},
	  {"id":"reader-app","methods":[],"api_key_sha256":["` + clients.KeyDigest("reader-key") + `"]}]}`
	priv := servicetest.Start(t, privacyserver.SpecWith(privacyserver.TestConfig()), servicetest.WithClients(registry))
	cfg := server.TestConfig()
	cfg.PrivacyAddr = priv.Addr
	env := servicetest.Start(t, server.SpecWith(cfg),
		servicetest.WithNATS(priv.NATS), servicetest.WithIssuer(priv), servicetest.WithClients(registry))
	api := petitionv1.NewPetitionServiceClient(env.Conn)
	keyed := func(key string) context.Context {
		return metadata.AppendToOutgoingContext(context.Background(), clients.MetadataAPIKey, key)
	}
	req := &petitionv1.Open311SubmitRequestRequest{ServiceCode: "other", Description: "보도블록이 깨졌습니다. 연락처 010-4444-5555",
		FirstName: "길동", LastName: "홍", Phone: "010-2222-3333", AddressString: "세종대로 110", AccountId: "acct-7"}
	resp, err := api.Open311SubmitRequest(keyed("district-key"), req)
	require.NoError(t, err)
	require.Equal(t, "acct-7", resp.GetRequests()[0].GetAccountId())
	var subject string
	require.NoError(t, env.Pool.QueryRow(context.Background(), `SELECT citizen_subject FROM complaints WHERE receipt_number = $1`,
		resp.GetRequests()[0].GetServiceRequestId()).Scan(&subject))
	require.Equal(t, "client:district-app:acct-7", subject)
	var mine, apps int
	require.NoError(t, priv.Pool.QueryRow(context.Background(),
		`SELECT count(*) FILTER (WHERE subject_id = $1), count(*) FILTER (WHERE subject_id = 'client:district-app')
		   FROM personal_fields`, subject).Scan(&mine, &apps))
	require.Equal(t, 2, mine, "the person's name and phone, in their own vault entry")
	require.Zero(t, apps, "nothing under the app's own subject")

	req.AccountId = ""
	resp, err = api.Open311SubmitRequest(keyed("district-key"), req)
	require.NoError(t, err)
	require.Empty(t, resp.GetRequests()[0].GetAccountId())
	require.NoError(t, env.Pool.QueryRow(context.Background(), `SELECT citizen_subject FROM complaints WHERE receipt_number = $1`,
		resp.GetRequests()[0].GetServiceRequestId()).Scan(&subject))
	require.Regexp(t, `^client:district-app:[0-9a-f-]{36}$`, subject, "a subject of its own for a person without an account")

	_, err = api.Open311SubmitRequest(keyed("guessed-key"), req)
	require.Equal(t, codes.Unauthenticated, status.Code(err))
	_, err = api.Open311SubmitRequest(keyed("reader-key"), req)
	require.Equal(t, codes.PermissionDenied, status.Code(err), "not on the reader app's registration")
	req.AccountId = "acct 7/../x"
	_, err = api.Open311SubmitRequest(keyed("district-key"), req)
	servicetest.RequireInvalidField(t, err, "account_id")
	var n int
	require.NoError(t, env.Pool.QueryRow(context.Background(), `SELECT count(*) FROM complaints`).Scan(&n))
	require.Equal(t, 2, n)
}
