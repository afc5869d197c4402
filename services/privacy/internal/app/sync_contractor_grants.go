package app

import "context"

// SyncContractorGrants writes every contractor grant that has not ended
// into the bucket the services enforce, as the projection of its events
// did (A3.2): a bucket lost or purged with NATS's storage is refilled from
// the database, and writing a grant again changes nothing. Revoked grants
// are written as revoked, so a copy missing from the bucket never comes
// back live.
func (a *App) SyncContractorGrants(ctx context.Context) (int, error) {
	grants, err := a.Contractors.Current(ctx, a.now())
	if err != nil {
		return 0, err
	}
	for i, g := range grants {
		if err := a.ContractorBucket.Project(ctx, g); err != nil {
			return i, err
		}
	}
	return len(grants), nil
}
