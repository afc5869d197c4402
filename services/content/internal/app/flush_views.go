package app

import "context"

// FlushViews writes the views counted since the last flush (the view-counts
// job runs it, and once more on shutdown) and reports for how many items.
func (a *App) FlushViews(ctx context.Context) (int, error) { return a.views.Flush(ctx) }
