// Package app holds the content service's use cases, one per file. It
// decides who may do what (authorization lives here, not in transport) and
// drives the domain through the ports declared in ports.go.
package app
