// Package server wires the board service for its binary and for tests
// (including other services' tests that need a real board service).
package server

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/config"
	"github.com/seoul-gov/homepage/platform/personaldata/rescreen"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/platform/service"
	"github.com/seoul-gov/homepage/services/board/internal/app"
	"github.com/seoul-gov/homepage/services/board/internal/events"
	"github.com/seoul-gov/homepage/services/board/internal/screening"
	"github.com/seoul-gov/homepage/services/board/internal/store/postgres"
	"github.com/seoul-gov/homepage/services/board/internal/transport/grpcapi"
	"github.com/seoul-gov/homepage/services/board/migrations"
	"github.com/seoul-gov/homepage/services/privacy/client"
)

// Config is the board service's own configuration.
type Config struct {
	// PrivacyAddr is the privacy service, asked for masked real names (A5.7).
	PrivacyAddr string `env:"PRIVACY_ADDR" envDefault:"127.0.0.1:9106"`
	// DuplicateWindow: how far back an author's texts are compared (A5.8).
	// At least 30 days, so a repeat poster cannot wait out the check.
	DuplicateWindow time.Duration `env:"BOARD_DUPLICATE_WINDOW" envDefault:"720h"`
	// DuplicateThreshold: 2-gram Jaccard similarity that flags a
	// near-duplicate (chosen on the corpus of internal/screening).
	DuplicateThreshold float64 `env:"BOARD_DUPLICATE_THRESHOLD" envDefault:"0.3"`
	// DuplicateMinRunes: shorter texts ("동의합니다") are not compared.
	DuplicateMinRunes int `env:"BOARD_DUPLICATE_MIN_CHARS" envDefault:"10"`
	// AppealWindow: how long after a removal its author may appeal.
	AppealWindow time.Duration `env:"BOARD_APPEAL_WINDOW" envDefault:"336h"`
	// NameCacheTTL: how long a masked real name is reused before asking again.
	NameCacheTTL time.Duration `env:"BOARD_NAME_CACHE_TTL" envDefault:"24h"`
	// PseudonymKey (base64, at least 32 bytes) keys the authors' pseudonyms
	// on boards without real names; or PseudonymKeyFile. Never logged.
	PseudonymKey     string `env:"BOARD_PSEUDONYM_KEY"`
	PseudonymKeyFile string `env:"BOARD_PSEUDONYM_KEY_FILE"`
	// Clock is the service's "now"; nil is the system clock. Tests set a
	// fake one (clock.NewFake) to move time instead of sleeping.
	Clock clock.Clock `env:"-"`
}

// TestConfig is the configuration for tests: the defaults (the envDefault
// tags, the only place they are written) and a fresh random pseudonym key.
func TestConfig() *Config {
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	cfg := &Config{PseudonymKey: base64.StdEncoding.EncodeToString(key)}
	if err := config.Defaults(cfg); err != nil {
		panic(err)
	}
	return cfg
}

// pseudonymKey reads the pseudonym secret from the variable or the file.
func (c *Config) pseudonymKey() ([]byte, error) {
	raw, name := c.PseudonymKey, "BOARD_PSEUDONYM_KEY"
	if c.PseudonymKeyFile != "" {
		b, err := os.ReadFile(c.PseudonymKeyFile)
		if err != nil {
			return nil, fmt.Errorf("BOARD_PSEUDONYM_KEY_FILE: %w", err)
		}
		raw, name = strings.TrimSpace(string(b)), "BOARD_PSEUDONYM_KEY_FILE"
	}
	key, err := base64.StdEncoding.DecodeString(raw)
	if err != nil || len(key) < 32 {
		return nil, fmt.Errorf("%s: required, base64 of at least 32 random bytes (keys the authors' pseudonyms)", name)
	}
	return key, nil
}

// Validate reports bad settings, naming their variables.
func (c *Config) Validate() []string {
	var p []string
	if c.PrivacyAddr == "" {
		p = append(p, "PRIVACY_ADDR is required")
	}
	if c.DuplicateWindow <= 0 {
		p = append(p, "BOARD_DUPLICATE_WINDOW must be positive")
	}
	if c.DuplicateThreshold <= 0 || c.DuplicateThreshold > 1 {
		p = append(p, "BOARD_DUPLICATE_THRESHOLD must be in (0, 1]")
	}
	if c.AppealWindow <= 0 {
		p = append(p, "BOARD_APPEAL_WINDOW must be positive")
	}
	if _, err := c.pseudonymKey(); err != nil {
		p = append(p, err.Error())
	}
	return p
}

// Spec wires the service from the environment.
func Spec() service.Spec { return service.FromEnv(SpecWith) }

// SpecWith wires the service with cfg (tests pass a filled Config; the
// binary's cfg is loaded from the environment before Register runs).
func SpecWith(cfg *Config) service.Spec {
	return service.Spec{
		Name:         "board",
		GRPCServices: []string{boardv1.BoardService_ServiceDesc.ServiceName},
		Migrations:   migrations.FS,
		Register:     func(ctx context.Context, d *service.Deps) error { return register(ctx, d, cfg) },
	}
}

func register(_ context.Context, d *service.Deps, cfg *Config) error {
	if err := config.Defaults(cfg); err != nil { // a test's Config: what it left zero
		return err
	}
	d.Prepare("rescreen", rescreen.Step(d.Pool, d.Log, postgres.Rescreened...))
	screener, err := screening.New()
	if err != nil {
		return fmt.Errorf("word list: %w", err)
	}
	conn, err := d.Dial(cfg.PrivacyAddr)
	if err != nil {
		return fmt.Errorf("dial privacy: %w", err)
	}
	key, err := cfg.pseudonymKey()
	if err != nil {
		return err
	}
	settings := app.Settings{
		DuplicateWindow: cfg.DuplicateWindow, DuplicateThreshold: cfg.DuplicateThreshold,
		DuplicateMinRunes: cfg.DuplicateMinRunes, AppealWindow: cfg.AppealWindow, NameCacheTTL: cfg.NameCacheTTL,
		PseudonymKey: key,
	}
	privacy := client.New(conn)
	// over builds the use cases over db: the pool for RPCs and start-up
	// work, the consumer's inbox transaction for an event's effect.
	over := func(db pg.DB) *app.App {
		p := postgres.New(db, events.Writer).Ports()
		p.Privacy, p.Screener = privacy, screener
		return app.New(p, settings, cfg.Clock)
	}
	uc := over(pg.Pool(d.Pool))
	d.Prepare("re-key pseudonyms", uc.RekeyPseudonyms)
	d.Prepare("seed the screening word lists", uc.SeedScreeningWords)
	d.Prepare("index texts for the repeat check", func(ctx context.Context) error {
		_, err := uc.FillBuckets(ctx)
		return err
	})
	boardv1.RegisterBoardServiceServer(d.GRPC, grpcapi.New(uc))
	// A10.4: cached masked names of subjects the privacy service erased go,
	// in the consumer's inbox transaction.
	d.Consume(client.ErasureConsumer("board", d.JS, d.Pool, d.Log, func(ctx context.Context, tx pgx.Tx, subject string) error {
		return over(pg.Joined(tx)).ForgetSubject(ctx, subject)
	}))
	d.Go("privacy-conn", func(ctx context.Context) error { <-ctx.Done(); return conn.Close() })
	return nil
}
