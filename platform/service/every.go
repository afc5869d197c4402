package service

import (
	"context"

	"github.com/seoul-gov/homepage/platform/periodic"
)

// Every runs a scheduled job for the life of the service, the one way
// services schedule work (see platform/periodic).
func (d *Deps) Every(job periodic.Job) {
	d.Go(job.Name, func(ctx context.Context) error { return job.Loop(ctx, d.Log) })
}
