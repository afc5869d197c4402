package edge

import (
	"fmt"
	"time"

	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/seoul-gov/homepage/platform/errs"
)

// checkTimes refuses timestamps in a JSON body that are not RFC 3339,
// naming each by its full path with an example. protojson reports such a
// value without its field ("invalid google.protobuf.Timestamp value"), so
// without this the client would not learn which time was wrong, nor what a
// right one looks like.
func checkTimes(rt *rpcRoute, body []byte) error {
	md := bodyMessage(rt)
	if md == nil || len(body) == 0 {
		return nil
	}
	obj, err := jsonObject(body)
	if err != nil {
		return nil // not an object: the decoder reports it
	}
	var v errs.Violations
	walkTimes(&v, obj, md, "")
	return v.Err()
}

// bodyMessage is the message a route's JSON body decodes into.
func bodyMessage(rt *rpcRoute) protoreflect.MessageDescriptor {
	switch rt.body {
	case "":
		return nil
	case "*":
		return rt.input
	}
	if fd := rt.input.Fields().ByName(protoreflect.Name(rt.body)); fd != nil {
		return fd.Message()
	}
	return nil
}

func walkTimes(v *errs.Violations, obj map[string]any, md protoreflect.MessageDescriptor, prefix string) {
	for key, val := range obj {
		fd := md.Fields().ByName(protoreflect.Name(key))
		if fd == nil {
			fd = md.Fields().ByJSONName(key)
		}
		if fd == nil || fd.Message() == nil || fd.IsMap() {
			continue
		}
		name := prefix + string(fd.Name())
		items, isList := val.([]any)
		if !fd.IsList() || !isList {
			checkTimeValue(v, fd, val, name)
			continue
		}
		for i, item := range items {
			checkTimeValue(v, fd, item, fmt.Sprintf("%s[%d]", name, i))
		}
	}
}

func checkTimeValue(v *errs.Violations, fd protoreflect.FieldDescriptor, val any, name string) {
	if fd.Message().FullName() == "google.protobuf.Timestamp" {
		s, isString := val.(string)
		if _, err := time.Parse(time.RFC3339Nano, s); val != nil && (!isString || err != nil) {
			v.Add(name, "INVALID_TIME", "example", TimeExample)
		}
		return
	}
	if sub, isObject := val.(map[string]any); isObject {
		walkTimes(v, sub, fd.Message(), name+".")
	}
}
