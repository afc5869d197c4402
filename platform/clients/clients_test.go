package clients_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/clients"
)

const reveal = "/seoul.privacy.v1.PrivacyService/RevealPersonalData"

func TestRegistryScopes(t *testing.T) {
	t.Parallel()
	r, err := clients.Parse([]byte(`{"clients":[
	  {"id":"mileage-partner","description":"transit top-up partner","methods":["` + reveal + `"],
	   "reveal":{"redemption":["transit_card_number"]}},
	  {"id":"civil-system","description":"complaint system","department":"SMG-CIVIL","methods":[],
	   "lookup":{"complaint_handling":["phone"]}}]}`))
	require.NoError(t, err)
	p, ok := r.Get("mileage-partner")
	require.True(t, ok)
	require.True(t, p.Calls(reveal))
	require.False(t, p.Calls("/seoul.privacy.v1.PrivacyService/FindSubject"))
	require.True(t, p.MayReveal("redemption", "transit_card_number"))
	require.False(t, p.MayReveal("redemption", "phone"))
	require.False(t, p.MayReveal("notification", "transit_card_number"))
	c, _ := r.Get("civil-system")
	require.Equal(t, "SMG-CIVIL", c.Department)
	require.True(t, c.MayLookup("complaint_handling", "phone"))
	_, ok = r.Get("unknown")
	require.False(t, ok)
	require.Len(t, r.All(), 2)
}

func TestRegistryProblemsAreNamed(t *testing.T) {
	t.Parallel()
	_, err := clients.Parse([]byte(`{"clients":[{"id":"A","methods":["RevealPersonalData"],"reveal":{"x":[]}},
	  {"id":"ok-1","methods":[]},{"id":"ok-1","methods":[]}]}`))
	require.Error(t, err)
	for _, want := range []string{"clients[0].id", "clients[0].methods[0]", `clients[0].reveal["x"]`, "clients[2].id"} {
		require.Contains(t, err.Error(), want)
	}
	_, err = clients.Parse([]byte(`{"clients":[{"id":"ok-1","methods":[],"scopes":{}}]}`))
	require.ErrorContains(t, err, "unknown field")
}

// A client acts on behalf of a person only in the methods it lists under
// on_behalf, each of which it must be allowed to call at all, and stores
// for a person only the purposes and fields of its store scope.
func TestRegistryDelegation(t *testing.T) {
	t.Parallel()
	const submit = "/seoul.petition.v1.PetitionService/SubmitComplaint"
	r, err := clients.Parse([]byte(`{"clients":[{"id":"mail","methods":["` + submit + `","` + reveal + `"],
	  "on_behalf":["` + submit + `"],"store":{"complaint":["name","free_text"]}}]}`))
	require.NoError(t, err)
	m, _ := r.Get("mail")
	require.True(t, m.ActsOnBehalf(submit))
	require.False(t, m.ActsOnBehalf(reveal), "calling a method is not acting on behalf of a person in it")
	require.True(t, m.MayStore("complaint", "free_text"))
	require.False(t, m.MayStore("complaint", "phone"))
	require.False(t, m.MayStore("notification", "name"))

	_, err = clients.Parse([]byte(`{"clients":[{"id":"mail","methods":[],"on_behalf":["` + submit + `"],"store":{"complaint":[]}}]}`))
	require.ErrorContains(t, err, `clients[0].on_behalf[0]: "`+submit+`" is not among the client's methods`)
	require.ErrorContains(t, err, `clients[0].store["complaint"]`)
}

func TestLoadEmptyPathRegistersNobody(t *testing.T) {
	t.Parallel()
	r, err := clients.Load("")
	require.NoError(t, err)
	require.Empty(t, r.All())
	path := filepath.Join(t.TempDir(), "clients.json")
	require.NoError(t, os.WriteFile(path, []byte(`{"clients":[{"id":"mail","methods":[]}]}`), 0o600))
	r, err = clients.Load(path)
	require.NoError(t, err)
	_, ok := r.Get("mail")
	require.True(t, ok)
}

// API keys are registered as digests; a key finds the client it was issued
// to, and nothing else does.
func TestAPIKeysFindTheirClient(t *testing.T) {
	t.Parallel()
	r, err := clients.Parse([]byte(`{"clients":[
	  {"id":"district-app","methods":["/seoul.petition.v1.PetitionService/Open311SubmitRequest"],
	   "api_key_sha256":["` + clients.KeyDigest("old-key") + `","` + clients.KeyDigest("new-key") + `"]},
	  {"id":"mail","methods":[]}]}`))
	require.NoError(t, err)
	for _, key := range []string{"old-key", "new-key"} {
		c, ok := r.ByAPIKey(key)
		require.True(t, ok, key)
		require.Equal(t, "district-app", c.ID)
	}
	for _, key := range []string{"", "other-key", clients.KeyDigest("new-key")} {
		_, ok := r.ByAPIKey(key)
		require.False(t, ok, "%q is no key (a digest is not a key)", key)
	}
	_, ok := (*clients.Registry)(nil).ByAPIKey("new-key")
	require.False(t, ok)
}

func TestAPIKeyProblemsAreNamed(t *testing.T) {
	t.Parallel()
	d := clients.KeyDigest("k")
	_, err := clients.Parse([]byte(`{"clients":[{"id":"app-one","methods":[],"api_key_sha256":["k","` + d + `"]},
	  {"id":"app-two","methods":[],"api_key_sha256":["` + d + `"]}]}`))
	require.ErrorContains(t, err, "clients[0].api_key_sha256[0]: the SHA-256 of the key")
	require.ErrorContains(t, err, `clients[1].api_key_sha256[0]: already "app-one"'s key`)
}
