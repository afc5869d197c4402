package outbox

import (
	"context"

	"github.com/jackc/pgx/v5"
	"google.golang.org/protobuf/proto"
)

// Queue is Add for a batch: it queues the event's row and the relays'
// wake-up on b, to be sent with the rest of the batch inside the caller's
// transaction, instead of Add's two round trips of its own. The event is
// recorded only if the batch is sent in that transaction and it commits.
func Queue(ctx context.Context, b *pgx.Batch, subject string, msg proto.Message) (string, error) {
	r, err := newRow(ctx, subject, msg)
	if err != nil {
		return "", err
	}
	b.Queue(insertSQL, r.args()...)
	b.Queue(notifySQL, notifyChannel)
	return r.id.String(), nil
}
