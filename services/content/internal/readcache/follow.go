package readcache

import (
	"context"
	"log/slog"

	"github.com/seoul-gov/homepage/platform/cachefollow"
)

// Subjects are the content service's own domain events: any of them may
// change what an item answer holds.
const Subjects = "seoul.content.>"

// Follow keeps c fresh from the service's domain events heard at url until
// ctx ends (platform/cachefollow: c serves from memory only while the
// subscription is live). NATS need not be up; meanwhile every read is
// fetched.
func Follow(ctx context.Context, c *Cache, url, name string, log *slog.Logger) error {
	if c == nil {
		return nil
	}
	nc, err := cachefollow.Follow(url, name, Subjects, c, func(string) { c.Invalidate() }, log)
	if err != nil {
		return err
	}
	defer nc.Close()
	<-ctx.Done()
	c.Suspend()
	return nil
}
