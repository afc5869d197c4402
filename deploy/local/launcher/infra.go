package launcher

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"

	"github.com/seoul-gov/homepage/platform/localinfra"
)

// startInfra starts (or adopts) PostgreSQL and NATS.
func (s *Suite) startInfra(ctx context.Context) error {
	if s.cfg.NATSURL != "" {
		s.natsURL = s.cfg.NATSURL
	} else {
		n, err := localinfra.StartNATS(localinfra.NATSOptions{Port: s.cfg.Ports.NATS(),
			StoreDir: filepath.Join(s.state, "nats"), Binary: filepath.Join(s.cfg.BinDir, "natsd")})
		if err != nil {
			return fmt.Errorf("NATS (natsd): %w", err)
		}
		s.nats, s.natsURL = n, n.URL()
		s.cleanup = append(s.cleanup, n.Shutdown)
	}
	if err := s.startMailpit(); err != nil {
		return err
	}
	if s.cfg.DatabaseURL != "" {
		return nil
	}
	pg, err := localinfra.StartPostgres(ctx, localinfra.PostgresOptions{Port: s.cfg.Ports.Postgres(),
		NoFsync: s.cfg.PostgresNoFsync})
	if err != nil {
		return fmt.Errorf("throwaway PostgreSQL: %w", err)
	}
	s.pg = pg
	s.cleanup = append(s.cleanup, func() { _ = pg.Stop() })
	return nil
}

// startMailpit starts the SMTP server with its web inbox, so a new user
// sees the mail the suite sends, unless SMTPAddr names another server.
func (s *Suite) startMailpit() error {
	if s.cfg.SMTPAddr != "" {
		return nil
	}
	m, err := localinfra.StartMailpit(localinfra.MailpitOptions{Binary: filepath.Join(s.cfg.BinDir, "mailpit"),
		SMTPPort: s.cfg.Ports.SMTP(), HTTPPort: s.cfg.Ports.MailWebPort(), Dir: filepath.Join(s.state, "mailpit")})
	if err != nil {
		return fmt.Errorf("Mailpit: %w", err)
	}
	s.mailpit = m
	s.cleanup = append(s.cleanup, m.Shutdown)
	return nil
}

// databaseURL creates the service's database and returns its URL.
func (s *Suite) databaseURL(ctx context.Context, svc string) (string, error) {
	name := "seoul_" + svc
	if s.pg != nil {
		return s.pg.URL(name), s.pg.CreateDatabase(ctx, name)
	}
	u, err := url.Parse(s.cfg.DatabaseURL)
	if err != nil {
		return "", fmt.Errorf("DATABASE_URL: %w", err)
	}
	conn, err := pgx.Connect(ctx, s.cfg.DatabaseURL)
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize())
	var pgErr *pgconn.PgError
	if err != nil && !(asPg(err, &pgErr) && pgErr.Code == "42P04") {
		return "", err
	}
	u.Path = "/" + name
	return u.String(), nil
}

// startServices starts every service and waits until each reports SERVING.
func (s *Suite) startServices(ctx context.Context) error {
	s.env = map[string][]string{}
	for _, svc := range Services {
		dbURL, err := s.databaseURL(ctx, svc)
		if err != nil {
			return fmt.Errorf("database for %s: %w", svc, err)
		}
		extra, err := s.serviceEnv(svc)
		if err != nil {
			return err
		}
		extra = append(extra, s.cfg.ServiceEnv[svc]...)
		// Replicas share the database, the keys and the settings; each
		// has its own ports.
		for r := range s.cfg.Ports.replicas() {
			env := append(append(s.commonEnv(), "GRPC_ADDR="+s.cfg.Ports.ReplicaGRPC(svc, r),
				"METRICS_ADDR="+s.cfg.Ports.replicaMetrics(svc, r), "DATABASE_URL="+dbURL), extra...)
			if svc == "mail" && r > 0 { // its own SMTP submission port (the last value of a variable wins)
				env = append(env, "MAIL_SUBMISSION_ADDR="+s.cfg.Ports.replicaSubmission(r))
			}
			if r == 0 {
				s.env[svc] = env
			}
			if _, err := s.startChild(ReplicaName(svc, r), filepath.Join(s.cfg.BinDir, svc), env); err != nil {
				return err
			}
		}
	}
	for _, c := range s.children {
		if err := waitServing(ctx, s.cfg.Ports.grpcOf(c.name), c.current()); err != nil {
			return err
		}
	}
	return nil
}

func waitServing(ctx context.Context, addr string, p *proc) error {
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	defer conn.Close()
	hc := healthpb.NewHealthClient(conn)
	deadline := time.Now().Add(120 * time.Second)
	for time.Now().Before(deadline) {
		if err := exited(p); err != nil {
			return err
		}
		cctx, cancel := context.WithTimeout(ctx, time.Second)
		r, err := hc.Check(cctx, &healthpb.HealthCheckRequest{})
		cancel()
		if err == nil && r.GetStatus() == healthpb.HealthCheckResponse_SERVING {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
	return fmt.Errorf("%s at %s not SERVING in time", p.name, addr)
}
