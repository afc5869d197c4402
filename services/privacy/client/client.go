// Package client is the one way the other services call the privacy
// service, the only holder of personal data (A10). It stores contact
// fields and free-text originals for a purpose, reads masked views,
// reveals for a purpose and looks subjects up, and it consumes the
// privacy service's erasures (ErasureConsumer).
//
// Calls carry whatever identity the context carries: grpcclient forwards
// the end user's bearer token, or a machine client's token set with
// grpcclient.WithToken, so the privacy service decides and audits as for
// that caller.
//
// Every error goes through one table (classify), so a refusal means the
// same in every service:
//
//	InvalidArgument                 → Invalid, the privacy service's violations
//	                                  renamed to the caller's request fields (Paths)
//	NotFound, PermissionDenied,
//	Unauthenticated,
//	FailedPrecondition              → the same kind, with the privacy service's
//	                                  reason and message
//	Unavailable, DeadlineExceeded,
//	ResourceExhausted               → Unavailable (safe to retry later)
//	any other code                  → Internal (a retry would not help; the
//	                                  cause is logged where the error is served)
//	a reply missing a token or value → Internal
package client

import (
	"fmt"
	"regexp"
	"strconv"

	"google.golang.org/grpc"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/grpcclient"
)

// Client calls the privacy service.
type Client struct {
	api privacyv1.PrivacyServiceClient
}

// New returns a client over a connection to the privacy service (made with
// service.Deps.Dial or grpcclient.Dial, which forward the caller's token).
func New(conn grpc.ClientConnInterface) *Client {
	return &Client{api: privacyv1.NewPrivacyServiceClient(conn)}
}

// Paths names the caller's own request fields: a personal field name
// (phone) or a text's document (petition/complaint/7/body) of the privacy
// request → the path of the caller's request field it came from
// (contact.phone, body). A violation of an unnamed field keeps the
// privacy service's field name.
type Paths map[string]string

// Path is the caller's path of name: its entry, or name itself.
func (p Paths) Path(name string) string {
	if path, ok := p[name]; ok {
		return path
	}
	return name
}

// classify is the one error table (see the package comment). names maps
// the privacy request's item i to its field name or document.
func classify(err error, paths Paths, names []string) error {
	d := grpcclient.Downstream(err)
	switch d.Kind {
	case errs.KindInvalid:
		return errs.Rename(d, func(field string) string { return paths.Path(itemName(field, names)) })
	case errs.KindNotFound, errs.KindPermissionDenied, errs.KindUnauthenticated, errs.KindFailedPrecondition:
		return d
	case errs.KindUnavailable, errs.KindDeadlineExceeded, errs.KindResourceExhausted:
		return errs.Wrap(errs.KindUnavailable, err, "PRIVACY_UNAVAILABLE")
	}
	return errs.Wrap(errs.KindInternal, err, "INTERNAL")
}

// item matches the privacy request's repeated items: fields[1].value,
// texts[0].document.
var item = regexp.MustCompile(`^(?:fields|texts)\[(\d+)\]`)

// itemName turns a violation of the privacy request's item i into the
// item's name; other fields (purpose, subject_id) stay as they are.
func itemName(field string, names []string) string {
	m := item.FindStringSubmatch(field)
	if m == nil {
		return field
	}
	i, err := strconv.Atoi(m[1])
	if err != nil || i >= len(names) {
		return field
	}
	return names[i]
}

// missing is the answer to a reply that lacks what was asked for: the
// privacy service broke its contract, which no retry mends.
func missing(what string) error {
	return errs.Wrap(errs.KindInternal, fmt.Errorf("privacy service: reply without %s", what), "INTERNAL")
}
