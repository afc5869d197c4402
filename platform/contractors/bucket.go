package contractors

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/nats-io/nats.go/jetstream"
)

// EnsureBucket creates the grants' bucket or binds the one there. The
// privacy service, which writes it, calls this; watchers only bind.
func EnsureBucket(ctx context.Context, js jetstream.JetStream, replicas int) (jetstream.KeyValue, error) {
	kv, err := js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket:      Bucket,
		Description: "Contractor grants (A3.2), projected by the privacy service",
		Storage:     jetstream.FileStorage,
		Replicas:    replicas,
		History:     1,
	})
	if err != nil {
		return nil, fmt.Errorf("bucket %s: %w", Bucket, err)
	}
	return kv, nil
}

// Project writes g into the bucket, idempotently and whatever the order
// events arrive in: a live grant is only ever created (a copy of its
// grant event delivered again after the revocation finds the key taken
// and changes nothing), a revocation always overwrites.
func Project(ctx context.Context, kv jetstream.KeyValue, g Grant) error {
	b, err := json.Marshal(g)
	if err != nil {
		return err
	}
	if g.Revoked {
		_, err = kv.Put(ctx, g.ID, b)
		return err
	}
	_, err = kv.Create(ctx, g.ID, b)
	if errors.Is(err, jetstream.ErrKeyExists) {
		return nil
	}
	return err
}
