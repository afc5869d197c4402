package edge

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
)

// namingMarshaler decodes request bodies like the marshaler it wraps, and
// when protojson refuses a body that is valid JSON — a value of the wrong
// type, such as a string where a map of languages is expected — it adds
// the path of the offending value ("title", "item.tags[1]"): protojson
// reports only a line and column ("syntax error (line 1:10): unexpected
// token"), which a citizen's form cannot act on.
type namingMarshaler struct{ runtime.Marshaler }

func (m namingMarshaler) NewDecoder(r io.Reader) runtime.Decoder {
	return runtime.DecoderFunc(func(v any) error {
		body, err := io.ReadAll(r)
		if err != nil {
			return err
		}
		err = m.Marshaler.NewDecoder(bytes.NewReader(body)).Decode(v)
		if err == nil || err == io.EOF || !json.Valid(body) {
			return err
		}
		if path := valuePath(body, errorOffset(body, err.Error())); path != "" {
			return fmt.Errorf("%s%q: %w", bodyFieldPrefix, path, err)
		}
		return err
	})
}

// bodyFieldPrefix starts the message of a decoding error whose field
// valuePath found; withDecodeViolation reads the path back.
const bodyFieldPrefix = "body field "

var protojsonPosition = regexp.MustCompile(`\(line (\d+):(\d+)\)`)

// errorOffset turns protojson's "(line L:C)" (C counts characters from 1)
// into a byte offset in body; -1 when the message has no position.
func errorOffset(body []byte, msg string) int {
	m := protojsonPosition.FindStringSubmatch(msg)
	if m == nil {
		return -1
	}
	line, _ := strconv.Atoi(m[1])
	col, _ := strconv.Atoi(m[2])
	off := 0
	for ; line > 1; line-- {
		i := bytes.IndexByte(body[off:], '\n')
		if i < 0 {
			return -1
		}
		off += i + 1
	}
	for ; col > 1 && off < len(body); col-- {
		_, size := utf8.DecodeRune(body[off:])
		off += size
	}
	return off
}

// pathFrame is one open object or array on the way to a value.
type pathFrame struct {
	object  bool
	key     string // the member being read (objects)
	index   int    // the element being read (arrays)
	wantKey bool
}

// valuePath is the path of the value that starts at offset off of a valid
// JSON document: object members by name, array elements as [i].
func valuePath(body []byte, off int) string {
	if off < 0 {
		return ""
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	var stack []*pathFrame
	for {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		top := (*pathFrame)(nil)
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if key, ok := tok.(string); ok && top != nil && top.object && top.wantKey {
			top.key, top.wantKey = key, false
			continue
		}
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			valueDone(stack)
			continue
		}
		if int(dec.InputOffset()) > off {
			return joinPath(stack)
		}
		if d, ok := tok.(json.Delim); ok {
			stack = append(stack, &pathFrame{object: d == '{', wantKey: d == '{'})
			continue
		}
		valueDone(stack)
	}
}

// valueDone moves the innermost frame past the value just read.
func valueDone(stack []*pathFrame) {
	if len(stack) == 0 {
		return
	}
	top := stack[len(stack)-1]
	if top.object {
		top.wantKey = true
	} else {
		top.index++
	}
}

func joinPath(stack []*pathFrame) string {
	var b strings.Builder
	for _, f := range stack {
		if f.object {
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(f.key)
		} else {
			fmt.Fprintf(&b, "[%d]", f.index)
		}
	}
	return b.String()
}
