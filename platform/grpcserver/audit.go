package grpcserver

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"time"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/descriptorpb"

	"github.com/seoul-gov/homepage/platform/identity"
)

// audited reports whether a successful call of method by the caller in ctx
// is one an auditor must find in the log (A3.2, A10.1): every call that
// may change state, and every call by someone signed in, since what a
// signed-in caller reads may be personal data (their own or, for staff and
// machine clients, other people's). Only anonymous reads of public pages
// stay out — the bulk of the traffic, with nothing personal in it.
func audited(ctx context.Context, method string) bool {
	if strings.HasPrefix(method, "/grpc.health.v1.") || strings.HasPrefix(method, "/grpc.reflection.") {
		return false
	}
	return !identity.From(ctx).Anonymous() || !readOnly(method)
}

// readOnlyMethods caches, per full method name, whether its proto declares
// idempotency_level = NO_SIDE_EFFECTS (a method without the option may
// change state).
var readOnlyMethods sync.Map

func readOnly(method string) bool {
	if v, ok := readOnlyMethods.Load(method); ok {
		return v.(bool)
	}
	ro := false
	name := protoreflect.FullName(strings.ReplaceAll(strings.TrimPrefix(method, "/"), "/", "."))
	if d, err := protoregistry.GlobalFiles.FindDescriptorByName(name); err == nil {
		if m, ok := d.(protoreflect.MethodDescriptor); ok {
			opts, _ := m.Options().(*descriptorpb.MethodOptions)
			ro = opts.GetIdempotencyLevel() == descriptorpb.MethodOptions_NO_SIDE_EFFECTS
		}
	}
	readOnlyMethods.Store(method, ro)
	return ro
}

// audit writes the info line of an audited call: who (subject, roles,
// department, machine client and the person it acts for, the contractor
// grant a contractor acts under — A3.2), how it came
// (peer_service: the edge or a service of the suite as its mutual-TLS
// certificate proved, empty for a caller straight over gRPC or without
// mTLS) and on what (the request's identifiers). Identifiers are ids the
// suite made, never personal data; names and contents are not logged.
func audit(ctx context.Context, log *slog.Logger, method string, req any, took time.Duration) {
	c := identity.From(ctx)
	roles := make([]string, len(c.Roles))
	for i, r := range c.Roles {
		roles[i] = string(r)
	}
	log.LogAttrs(ctx, slog.LevelInfo, "audit",
		slog.String("method", method),
		slog.String("subject", c.Subject),
		slog.String("roles", strings.Join(roles, ",")),
		slog.String("department", c.Department),
		slog.String("client", c.Client),
		slog.String("contractor_grant", c.Contractor),
		slog.String("on_behalf_of", identity.OnBehalfOf(ctx)),
		slog.String("peer_service", identity.CallingService(ctx)),
		slog.String("resource", resource(req)),
		slog.Int64("took_ms", took.Milliseconds()))
}

// resource names what a request is about by its id fields (post_id=…,
// item.item_id=…), top level and one message deep.
func resource(req any) string {
	m, ok := req.(proto.Message)
	if !ok {
		return ""
	}
	var parts []string
	collectIDs(m.ProtoReflect(), "", 1, &parts)
	return strings.Join(parts, " ")
}

func collectIDs(m protoreflect.Message, prefix string, depth int, parts *[]string) {
	m.Range(func(f protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		name := string(f.Name())
		switch {
		case f.IsList() || f.IsMap():
		case f.Kind() == protoreflect.MessageKind && depth > 0:
			collectIDs(v.Message(), prefix+name+".", depth-1, parts)
		case f.Kind() == protoreflect.StringKind && isID(name):
			*parts = append(*parts, prefix+name+"="+v.String())
		}
		return true
	})
}

func isID(field string) bool {
	return field == "id" || field == "subject" || strings.HasSuffix(field, "_id") && !notResourceIDs[field]
}

// notResourceIDs end in _id but are not ids the suite made: a retry key, or
// values a person or their device chose (a mail address, a Message-ID, an
// Open311 device or address id), which may be personal data.
var notResourceIDs = map[string]bool{
	"request_id": true, "mail_id": true, "message_id": true, "device_id": true, "address_id": true,
}
