package edge

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"sync"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/seoul-gov/homepage/gateway/internal/middleware"
)

// setETag is a forward-response option: a response carrying a resource
// with an etag (AIP-154) sends it as the ETag header, so clients can make
// conditional requests (If-Match on changes, If-None-Match on reads; see
// middleware.NotModified) with the header alone.
//
// On a read the tag also covers the rest of the answer, which can change
// while the resource does not (the responsible department's contact shown
// with an item, its view count): "<etag>.<digest>". If-Match looks only at
// the part before the dot (the resource's state, see bindEtag);
// If-None-Match at the whole, so a 304 is never a stale answer. A read of
// no single resource (a list, the point table) gets a weak tag of its
// content: an unchanged answer is a 304 too, and a weak tag never
// satisfies If-Match.
func setETag(ctx context.Context, w http.ResponseWriter, resp proto.Message) error {
	tag := etagOf(resp.ProtoReflect())
	var d [24]byte // room for the longest digest, in hex
	switch {
	case !isRead(ctx) && tag != "":
		w.Header().Set("ETag", `"`+tag+`"`)
	case tag != "":
		w.Header().Set("ETag", `"`+tag+"."+string(digest(d[:0], resp, 4))+`"`)
	case isRead(ctx):
		w.Header().Set("ETag", `W/"`+string(digest(d[:0], resp, 12))+`"`)
	}
	return nil
}

// encodings are the buffers digest encodes answers into, reused: an
// answer's encoding is needed only for its hash.
var encodings = sync.Pool{New: func() any { return new([]byte) }}

// digest appends n bytes of the SHA-256 of resp's deterministic encoding,
// hex, to dst.
func digest(dst []byte, resp proto.Message, n int) []byte {
	buf := encodings.Get().(*[]byte)
	b, _ := proto.MarshalOptions{Deterministic: true}.MarshalAppend((*buf)[:0], resp)
	sum := sha256.Sum256(b)
	if cap(b) <= 64<<10 { // a rare large answer's buffer is not kept
		*buf = b
		encodings.Put(buf)
	}
	return hex.AppendEncode(dst, sum[:n])
}

// isRead reports whether the request of ctx is a GET, for setETag (which
// sees only the context): the method Observe recorded.
func isRead(ctx context.Context) bool {
	in := middleware.InfoFrom(ctx)
	return in != nil && in.Method == http.MethodGet
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
