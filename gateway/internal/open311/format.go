package open311

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"strings"
	"time"
)

// format is a GeoReport response format, chosen by the resource's suffix.
type format int

const (
	formatJSON format = iota
	formatXML
)

// formatOf splits a path's last segment into its name and format
// ("requests.xml" → "requests", XML); ok is false for other suffixes.
func formatOf(segment string) (name string, f format, ok bool) {
	if name, ok = strings.CutSuffix(segment, ".json"); ok {
		return name, formatJSON, true
	}
	if name, ok = strings.CutSuffix(segment, ".xml"); ok {
		return name, formatXML, true
	}
	return segment, formatJSON, false
}

// requestFormat is the format the request's path asks for; errors about a
// path without a known suffix are JSON.
func requestFormat(r *http.Request) format {
	last := r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:]
	_, f, _ := formatOf(last)
	return f
}

// payload is one answer in both formats: JSON is the Spark convention's
// mapping of the XML (a list element becomes a bare array).
type payload struct {
	json any
	xml  any
}

// write sends p with status in f: UTF-8 always, the XML with its
// declaration, as the specification requires.
func write(w http.ResponseWriter, f format, status int, p payload) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	var body []byte
	var err error
	if f == formatXML {
		h.Set("Content-Type", "text/xml; charset=utf-8")
		body, err = xml.MarshalIndent(p.xml, "", "  ")
		body = append([]byte(xml.Header), body...)
	} else {
		h.Set("Content-Type", "application/json; charset=utf-8")
		body, err = json.Marshal(p.json)
	}
	if err != nil {
		http.Error(w, "encoding failed", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(status)
	_, _ = w.Write(append(body, '\n'))
}

// seoul is where the city is: GeoReport times carry their offset, and the
// city's are KST.
var seoul = time.FixedZone("KST", 9*60*60)

// w3c formats t as the W3C datetime GeoReport uses, with the offset.
func w3c(t time.Time) string { return t.In(seoul).Format(time.RFC3339) }

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
