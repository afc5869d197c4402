package cache

import (
	"log/slog"
	"strings"

	"github.com/nats-io/nats.go"

	"github.com/seoul-gov/homepage/platform/cachefollow"
)

// eventSubjects are the services' domain events,
// seoul.<service>.<entity>.<verb>, followed by every edge replica
// (platform/cachefollow).
const eventSubjects = "seoul.>"

// erasedSubject is the privacy service's erasure of a person: every
// service then anonymizes what that person wrote, without an event of its
// own, so it empties the whole cache.
const erasedSubject = "seoul.privacy.subject.erased"

// Listen keeps c fresh from the services' domain events heard at url until
// the returned connection is closed (platform/cachefollow: the cache
// serves from memory only while the subscription is live).
func Listen(url string, c *Cache, log *slog.Logger) (*nats.Conn, error) {
	if c == nil {
		return nil, nil
	}
	return cachefollow.Follow(url, "gateway-cache", eventSubjects, c, c.onEvent, log)
}

// onEvent drops the answers of the service that published subject.
func (c *Cache) onEvent(subject string) {
	if subject == erasedSubject {
		c.InvalidateAll()
		return
	}
	parts := strings.SplitN(subject, ".", 3)
	if len(parts) < 3 {
		return
	}
	// seoul.dlq.<service>.<consumer> parks a consumer's poison message:
	// nothing changed. Any other unknown service is ignored by Invalidate.
	c.Invalidate(parts[1])
}
