package app

import (
	"context"
	"crypto/ed25519"

	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// AnchorAccessLog signs a checkpoint of the access log's chain head when
// the chain grew since the last one (the scheduled anchor job), and
// publishes it in seoul.privacy.accesslog.anchored with the change.
func (a *App) AnchorAccessLog(ctx context.Context) (int, error) {
	anchor, err := a.Anchors.Update(ctx, func(x *domain.Anchoring) error {
		x.Anchor(a.now(), func(stmt []byte) []byte { return ed25519.Sign(a.anchorKey, stmt) })
		return nil
	})
	if err != nil || anchor == nil {
		return 0, err
	}
	return 1, nil
}

// AnchorPublicKey is the key anchors verify with.
func (a *App) AnchorPublicKey() ed25519.PublicKey { return a.anchorKey.Public().(ed25519.PublicKey) }
