package edge

import (
	"context"
	"net/http"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// setETag is a forward-response option: a response carrying a resource
// with an etag (AIP-154) sends it as the ETag header, so clients can make
// conditional requests (If-Match on changes, If-None-Match on reads; see
// middleware.NotModified) with the header alone.
func setETag(_ context.Context, w http.ResponseWriter, resp proto.Message) error {
	if tag := etagOf(resp.ProtoReflect()); tag != "" {
		w.Header().Set("ETag", `"`+tag+`"`)
	}
	return nil
}

// etagOf returns the etag of m itself or of its one resource field.
func etagOf(m protoreflect.Message) string {
	fields := m.Descriptor().Fields()
	if fd := fields.ByName(etagField); fd != nil && fd.Kind() == protoreflect.StringKind {
		return m.Get(fd).String()
	}
	var tag string
	found := 0
	for i := range fields.Len() {
		fd := fields.Get(i)
		if fd.Message() == nil || fd.IsList() || fd.IsMap() || !m.Has(fd) {
			continue
		}
		inner := fd.Message().Fields().ByName(etagField)
		if inner == nil || inner.Kind() != protoreflect.StringKind {
			continue
		}
		tag = m.Get(fd).Message().Get(inner).String()
		found++
	}
	if found != 1 {
		return ""
	}
	return tag
}
