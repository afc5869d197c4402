// Package domain holds the mileage service's rules free of infrastructure:
// the point table and its caps, the double-entry postings and the accounts
// they move points between, lots spent oldest-expiry first, the clawback
// policy, and the redemption catalog (A8.1, A8.1.1–A8.1.3, A8.2, A8.3).
package domain
