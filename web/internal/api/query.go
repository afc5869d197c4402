package api

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"time"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// Query encodes the populated fields of a GET request message as the
// query string grpc-gateway reads (proto field names, enums by name,
// timestamps in RFC 3339, nested fields dotted), leaving out the fields the
// path carries. Field names thus come from the generated types, never from
// strings typed here.
func Query(m proto.Message, pathFields ...string) (url.Values, error) {
	q := url.Values{}
	if m == nil {
		return q, nil
	}
	err := addFields(q, "", m.ProtoReflect(), pathFields)
	return q, err
}

func addFields(q url.Values, prefix string, m protoreflect.Message, skip []string) error {
	var err error
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		name := prefix + string(fd.Name())
		if slices.Contains(skip, name) {
			return true
		}
		err = addField(q, name, fd, v, skip)
		return err == nil
	})
	return err
}

func addField(q url.Values, name string, fd protoreflect.FieldDescriptor, v protoreflect.Value, skip []string) error {
	switch {
	case fd.IsMap():
		return fmt.Errorf("query field %s: maps cannot travel in a query", name)
	case fd.IsList():
		l := v.List()
		for i := range l.Len() {
			s, err := scalar(fd, l.Get(i))
			if err != nil {
				return fmt.Errorf("query field %s: %w", name, err)
			}
			q.Add(name, s)
		}
		return nil
	case fd.Kind() == protoreflect.MessageKind:
		if ts, ok := v.Message().Interface().(*timestamppb.Timestamp); ok {
			q.Set(name, ts.AsTime().UTC().Format(time.RFC3339Nano))
			return nil
		}
		return addFields(q, name+".", v.Message(), skip)
	}
	s, err := scalar(fd, v)
	if err != nil {
		return fmt.Errorf("query field %s: %w", name, err)
	}
	q.Set(name, s)
	return nil
}

func scalar(fd protoreflect.FieldDescriptor, v protoreflect.Value) (string, error) {
	switch fd.Kind() {
	case protoreflect.StringKind:
		return v.String(), nil
	case protoreflect.BoolKind:
		return strconv.FormatBool(v.Bool()), nil
	case protoreflect.EnumKind:
		if ev := fd.Enum().Values().ByNumber(v.Enum()); ev != nil {
			return string(ev.Name()), nil
		}
		return strconv.Itoa(int(v.Enum())), nil
	case protoreflect.Int32Kind, protoreflect.Int64Kind, protoreflect.Sint32Kind, protoreflect.Sint64Kind,
		protoreflect.Sfixed32Kind, protoreflect.Sfixed64Kind:
		return strconv.FormatInt(v.Int(), 10), nil
	case protoreflect.Uint32Kind, protoreflect.Uint64Kind, protoreflect.Fixed32Kind, protoreflect.Fixed64Kind:
		return strconv.FormatUint(v.Uint(), 10), nil
	case protoreflect.DoubleKind, protoreflect.FloatKind:
		return strconv.FormatFloat(v.Float(), 'g', -1, 64), nil
	}
	return "", fmt.Errorf("kind %s cannot travel in a query", fd.Kind())
}

// itoa formats a path number.
func itoa(n int64) string { return strconv.FormatInt(n, 10) }
