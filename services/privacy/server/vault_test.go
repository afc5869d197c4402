package server_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/privacy/server"
)

var knownValues = []string{
	"name", "홍길동",
	"phone", "010-9876-5432",
	"email", "hong.gildong@example.com",
	"address", "서울특별시 중구 세종대로 110",
	"postal_code", "04524",
	"birth_date", "1987-03-21",
	"transit_card_number", "9410-1234-5678-9012",
	"account_number", "110-432-987654",
	"emergency_phone", "02-2133-4567",
}

// needles are every stored plaintext in the forms it could appear: as
// given, normalized, and digits only.
func needles() []string {
	var out []string
	for i := 1; i < len(knownValues); i += 2 {
		v := knownValues[i]
		out = append(out, v, strings.ReplaceAll(v, "-", ""), strings.ReplaceAll(v, " ", ""))
	}
	out = append(out, "9410123456789012", "110432987654", "세종대로")
	return out
}

// TestA10_4_NoPlaintextAnywhereInDatabase stores known values, exercises
// every path that touches them, then scans every text, bytea, json and
// array column of every table for any of the plaintexts (A10.4).
func TestA10_4_NoPlaintextAnywhereInDatabase(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	tokens := f.store(t, "citizen-a104", knownValues...)
	var all []string
	for _, tok := range tokens {
		all = append(all, tok)
	}
	_, err := f.reveal(t, "citizen-a104", all...)
	require.NoError(t, err)
	_, err = f.c.GetMaskedData(f.as(t, servicetest.Moderator("m1")), &privacyv1.GetMaskedDataRequest{SubjectId: "citizen-a104"})
	require.NoError(t, err)
	f.assign(t, "c-1", "SMG-CIVIL", "citizen-a104")
	_, err = f.c.FindSubject(f.as(t, servicetest.Official("o1", "SMG-CIVIL")), &privacyv1.FindSubjectRequest{
		Field: "phone", Value: "01098765432", Purpose: "complaint_handling", CaseReference: "c-1"})
	require.NoError(t, err)
	requireNoPlaintext(t, f, needles())
}

func requireNoPlaintext(t *testing.T, f fixture, needles []string) {
	t.Helper()
	// Positive control: the scanner does find what is stored in the clear
	// (subject ids are opaque identifiers, not personal values).
	require.NotEmpty(t, columnsContaining(t, f, "citizen-a104"))
	for _, n := range needles {
		require.Empty(t, columnsContaining(t, f, n), "plaintext %q found in the database", n)
	}
}

// columnsContaining lists "schema.table.column" of every text-like or
// bytea column of every base table that contains needle.
func columnsContaining(t *testing.T, f fixture, needle string) []string {
	t.Helper()
	rows, err := f.db.Query(context.Background(), `SELECT table_schema, table_name, column_name, data_type
		FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
		WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND t.table_type = 'BASE TABLE'
		  AND data_type IN ('text', 'character varying', 'character', 'bytea', 'json', 'jsonb', 'ARRAY')`)
	require.NoError(t, err)
	type col struct{ schema, table, column, typ string }
	var cols []col
	for rows.Next() {
		var c col
		require.NoError(t, rows.Scan(&c.schema, &c.table, &c.column, &c.typ))
		cols = append(cols, c)
	}
	require.NoError(t, rows.Err())
	require.Greater(t, len(cols), 20, "the scan must see the service's tables")
	var hits []string
	for _, c := range cols {
		expr := fmt.Sprintf("strpos(%q::text, $1) > 0", c.column)
		if c.typ == "bytea" {
			expr = fmt.Sprintf("position(convert_to($1, 'UTF8') in %q) > 0", c.column)
		}
		if f.count(t, fmt.Sprintf(`SELECT count(*) FROM %q.%q WHERE %s`, c.schema, c.table, expr), needle) > 0 {
			hits = append(hits, c.schema+"."+c.table+"."+c.column)
		}
	}
	return hits
}

// TestTamperedCiphertextFailsClosed flips a stored ciphertext byte and moves
// ciphertexts and keys between rows: every read fails, nothing leaks (A10.4).
func TestTamperedCiphertextFailsClosed(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	ctx := context.Background()
	a := f.store(t, "tamper-a", "phone", "010-1111-2222", "email", "a@example.com")
	b := f.store(t, "tamper-b", "phone", "010-3333-4444")

	_, err := f.db.Exec(ctx, `UPDATE personal_fields SET ciphertext = set_byte(ciphertext, 20, get_byte(ciphertext, 20) # 1) WHERE token = $1`, a["email"])
	require.NoError(t, err)
	_, err = f.reveal(t, "tamper-a", a["email"])
	servicetest.RequireCode(t, err, codes.Internal)

	// A's phone ciphertext copied into A's email row: bound to field "phone".
	_, err = f.db.Exec(ctx, `UPDATE personal_fields SET ciphertext = (SELECT ciphertext FROM personal_fields WHERE token = $1) WHERE token = $2`, a["phone"], a["email"])
	require.NoError(t, err)
	_, err = f.reveal(t, "tamper-a", a["email"])
	servicetest.RequireCode(t, err, codes.Internal)

	// B's wrapped key and B's phone ciphertext both moved into A's rows: key
	// and ciphertext belong together, so only the subject bound into the
	// associated data keeps B's number from A.
	_, err = f.db.Exec(ctx, `UPDATE subjects SET (wrapped_key, kek_version) =
		(SELECT wrapped_key, kek_version FROM subjects WHERE subject_id = 'tamper-b') WHERE subject_id = 'tamper-a'`)
	require.NoError(t, err)
	_, err = f.db.Exec(ctx, `UPDATE personal_fields SET ciphertext = (SELECT ciphertext FROM personal_fields WHERE token = $1) WHERE token = $2`, b["phone"], a["phone"])
	require.NoError(t, err)
	got, err := f.reveal(t, "tamper-a", a["phone"])
	servicetest.RequireCode(t, err, codes.Internal)
	require.Empty(t, got)
	require.NotContains(t, err.Error(), "3333-4444")
	masked, err := f.c.GetMaskedData(f.as(t, servicetest.Citizen("tamper-a")), &privacyv1.GetMaskedDataRequest{SubjectId: "tamper-a", Fields: []string{"phone"}})
	servicetest.RequireCode(t, err, codes.Internal)
	require.Empty(t, masked.GetMasked())
	require.NotContains(t, err.Error(), "4444")

	// B's own data is untouched.
	got, err = f.reveal(t, "tamper-b", b["phone"])
	require.NoError(t, err)
	require.Equal(t, "010-3333-4444", got["phone"])
}

// TestStoreKeepsTokenAndReplacesValue: storing a field again keeps its token.
func TestStoreKeepsTokenAndReplacesValue(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	first := f.store(t, "s-replace", "phone", "010-1111-2222")
	second := f.store(t, "s-replace", "phone", "010 5555 6666")
	require.Equal(t, first["phone"], second["phone"])
	got, err := f.reveal(t, "s-replace", first["phone"])
	require.NoError(t, err)
	require.Equal(t, "010-5555-6666", got["phone"])
}

// TestBadInputNamesFieldAndStoresNothing.
func TestBadInputNamesFieldAndStoresNothing(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	ctx := f.as(t, servicetest.Citizen("s-bad"))
	cases := []struct {
		req   *privacyv1.StorePersonalDataRequest
		field string
	}{
		{&privacyv1.StorePersonalDataRequest{SubjectId: "s-bad", Purpose: "complaint", Fields: fields("phone", "12")}, "fields[0].value"},
		{&privacyv1.StorePersonalDataRequest{SubjectId: "s-bad", Purpose: "complaint", Fields: fields("name", "홍길동", "shoe", "270")}, "fields[1].name"},
		{&privacyv1.StorePersonalDataRequest{SubjectId: "s-bad", Purpose: "complaint", Fields: fields("name", "홍길동", "name", "김철수")}, "fields[1].name"},
		{&privacyv1.StorePersonalDataRequest{SubjectId: "s-bad", Purpose: "", Fields: fields("name", "홍길동")}, "purpose"},
		{&privacyv1.StorePersonalDataRequest{SubjectId: "", Purpose: "complaint", Fields: fields("name", "홍길동")}, "subject_id"},
		{&privacyv1.StorePersonalDataRequest{SubjectId: "s-bad", Purpose: "complaint"}, "fields"},
	}
	for _, c := range cases {
		_, err := f.c.StorePersonalData(ctx, c.req)
		servicetest.RequireInvalidField(t, err, c.field)
	}
	require.Zero(t, f.count(t, `SELECT count(*) FROM personal_fields`))
	require.Zero(t, f.count(t, `SELECT count(*) FROM subjects`))
	_, err := f.c.RevealPersonalData(ctx, &privacyv1.RevealPersonalDataRequest{Tokens: []string{"nope"}, Purpose: "x"})
	servicetest.RequireInvalidField(t, err, "tokens[0]")
	servicetest.RequireInvalidField(t, err, "purpose")
}
