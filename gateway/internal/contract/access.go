package contract

import (
	"bufio"
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Access is who may call one operation, as the authorization matrix
// (docs/authorization.md) records it.
type Access struct {
	// Public is true when anonymous callers are not refused with 401: the
	// bearer token is optional (the answer may still be 404 where the
	// existence of a resource is not public).
	Public bool
	// Who says in words which callers get past authorization.
	Who string
}

// Matrix is the access of every RPC, keyed by "Service_Method" as the
// generator names operations (operationId).
type Matrix map[string]Access

// people are the matrix's columns for persons; any other column names a
// machine client of the registry.
var people = []string{"anon", "self", "other", "holder", "outsider", "moderator", "officer", "admin"}

var heading = regexp.MustCompile(`^##\s+(\w+)\s*$`)

// ParseMatrix reads the authorization matrix: one "## <Service>" section
// per service, each with a table whose first column is the RPC and whose
// other columns are callers (✓ allowed, or the refusal's status).
func ParseMatrix(md []byte) (Matrix, error) {
	m := Matrix{}
	var service string
	var columns []string
	sc := bufio.NewScanner(bytes.NewReader(md))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if h := heading.FindStringSubmatch(line); h != nil {
			service, columns = h[1], nil
			continue
		}
		cells := tableCells(line)
		switch {
		case service == "" || len(cells) < 2 || strings.HasPrefix(cells[0], "---"):
		case cells[0] == "RPC":
			columns = cells[1:]
		case columns != nil:
			if len(cells)-1 != len(columns) {
				return nil, fmt.Errorf("authorization matrix: %s.%s has %d cells for %d callers", service, cells[0], len(cells)-1, len(columns))
			}
			outcomes := map[string]string{}
			for i, c := range columns {
				outcomes[c] = cells[i+1]
			}
			m[service+"_"+cells[0]] = describe(columns, outcomes)
		}
	}
	if len(m) == 0 {
		return nil, fmt.Errorf("authorization matrix: no RPC rows found")
	}
	return m, sc.Err()
}

func tableCells(line string) []string {
	if !strings.HasPrefix(line, "|") || !strings.HasSuffix(line, "|") {
		return nil
	}
	parts := strings.Split(strings.Trim(line, "|"), "|")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

const allowed = "✓"

// describe turns one row into an Access: who is allowed, and what the
// others get.
func describe(columns []string, out map[string]string) Access {
	ok := func(c string) bool { return out[c] == allowed }
	if ok("anon") {
		return Access{Public: true, Who: "Public: anyone, without a token. A token, when sent, must be valid; " +
			"signed-in callers may see more."}
	}
	var who []string
	who = appendPair(who, ok("self"), ok("other"), "signed-in citizens", "the citizen it concerns")
	who = appendPair(who, ok("holder"), ok("outsider"), "officials of any department", "officials of the responsible department")
	for c, name := range map[string]string{"moderator": "moderators", "officer": "privacy officers", "admin": "admins"} {
		if ok(c) {
			who = append(who, name)
		}
	}
	slices.SortStableFunc(who, func(a, b string) int { return rank(a) - rank(b) })
	var clients []string
	for _, c := range columns {
		if !slices.Contains(people, c) && ok(c) {
			clients = append(clients, c)
		}
	}
	if len(clients) > 0 {
		who = append(who, "machine clients registered for it (locally: "+strings.Join(clients, ", ")+")")
	}
	text := "Signed in (bearer token): " + strings.Join(who, ", ") + "."
	public := out["anon"] != "401"
	if public {
		text = "Token optional: " + strings.Join(who, ", ") + "; anyone else, signed in or not, gets 404."
	} else if refusesWith404(columns, out) {
		text += " Callers it does not concern get 404, so they cannot learn that it exists; others 403."
	} else {
		text += " Others get 403."
	}
	return Access{Public: public, Who: text}
}

func appendPair(who []string, a, b bool, both, first string) []string {
	switch {
	case a && b:
		return append(who, both)
	case a:
		return append(who, first)
	}
	return who
}

// rank keeps the roles in the order the suite lists them.
func rank(s string) int {
	for i, p := range []string{"the citizen", "signed-in", "officials", "moderators", "privacy", "admins"} {
		if strings.HasPrefix(s, p) {
			return i
		}
	}
	return len(s)
}

func refusesWith404(columns []string, out map[string]string) bool {
	for _, c := range columns {
		if out[c] == "404" {
			return true
		}
	}
	return false
}
