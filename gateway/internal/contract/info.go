package contract

import "github.com/getkin/kin-openapi/openapi3"

// info describes the whole suite: the generator takes its info block from
// one proto file.
func info() openapi3.Info {
	return openapi3.Info{
		Title:   "City of Seoul Homepage API",
		Version: "v1",
		Description: "The services the Seoul homepage ordinance requires: information with responsible " +
			"departments (content), participation boards and their public moderation (board), Ask the Mayor " +
			"and civil complaints (petition), participation events (event), mileage (mileage), the personal " +
			"data vault (privacy) and the e-mail service (mail).\n\n" +
			"Authentication: operations marked with the bearer scheme alone need \"Authorization: Bearer <JWT>\"; " +
			"the others accept a token but do not need one. Each operation's description says who may call it.\n\n" +
			"Errors have one shape, Error: {code, status, reason, message, request_id, field_violations}; the " +
			"message is Korean unless Accept-Language asks for English, and reason is stable. A PATCH changes " +
			"only the fields present in its body; If-Match makes a change conditional on the resource's etag " +
			"(412 when stale), If-None-Match answers a GET with 304 while it is unchanged. Zero values are " +
			"always present in answers; 64-bit integers are JSON strings.\n\n" +
			"The Open311 GeoReport v2 endpoints (/open311/v2/...) follow their own specification and are " +
			"described by /open311/v2/discovery.json.",
		Contact: &openapi3.Contact{Name: "Seoul Metropolitan Government, digital services",
			URL: "https://www.seoul.go.kr"},
	}
}
