// Command seoul-local is `make run`: it brings the whole suite up on this
// machine and stops it all on Ctrl-C. See the launcher package.
package main

import (
	"flag"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/seoul-gov/homepage/deploy/local/launcher"
	"github.com/seoul-gov/homepage/deploy/local/seed"
	"github.com/seoul-gov/homepage/platform/config"
	"github.com/seoul-gov/homepage/platform/lifecycle"
)

// settings are read from the environment like every binary's.
type settings struct {
	DatabaseURL string `env:"DATABASE_URL"`
	NATSURL     string `env:"NATS_URL"`
	SMTPAddr    string `env:"MAIL_SMTP_ADDR"`
	PortOffset  int    `env:"SEOUL_PORT_OFFSET" envDefault:"0"`
	Seed        bool   `env:"SEOUL_SEED" envDefault:"true"`
	// Replicas of every service and of the edge (one port for the edge).
	Replicas int `env:"SEOUL_REPLICAS" envDefault:"1"`
}

// Validate implements config.Validator.
func (s settings) Validate() []string {
	if s.Replicas < 1 || s.Replicas > launcher.MaxReplicas {
		return []string{fmt.Sprintf("SEOUL_REPLICAS=%d: must be 1..%d", s.Replicas, launcher.MaxReplicas)}
	}
	return nil
}

func main() {
	bin := flag.String("bin", "bin", "directory with the built service binaries")
	flag.Parse()
	if err := run(*bin); err != nil {
		fmt.Fprintln(os.Stderr, "seoul-local:", err)
		os.Exit(1)
	}
}

func run(bin string) error {
	var st settings
	if err := config.Load(&st); err != nil {
		return err
	}
	ctx, stop := lifecycle.SignalContext()
	defer stop()
	fmt.Println("starting the Seoul homepage suite (Ctrl-C stops everything) ...")
	ports := launcher.Ports{Offset: st.PortOffset, Replicas: st.Replicas}
	suite, err := launcher.Start(ctx, launcher.Config{BinDir: bin, DatabaseURL: st.DatabaseURL,
		NATSURL: st.NATSURL, SMTPAddr: st.SMTPAddr, Ports: ports, Out: os.Stdout})
	if err != nil {
		return err
	}
	defer suite.Stop()
	if st.Seed {
		client := &seed.Client{BaseURL: suite.EdgeURL(), Issuer: suite.Issuer(), HTTP: &http.Client{Timeout: 30 * time.Second}}
		if err := seed.Run(ctx, client, func(f string, a ...any) { fmt.Printf("seed     | "+f+"\n", a...) }); err != nil {
			fmt.Fprintln(os.Stderr, "seoul-local: sample data:", err)
		}
	}
	printSummary(ports, suite.MailInbox(), suite.SubmissionCA())
	err = suite.Wait(ctx)
	fmt.Println("stopping ...")
	return err
}

func printSummary(p launcher.Ports, inbox, submissionCA string) {
	fmt.Printf("\nThe suite is up.\n  homepage      http://%s   (citizen portal and staff console; sign in with any role)\n", p.Web())
	fmt.Printf("  REST edge     http://%s   (docs: /docs, OpenAPI: /openapi.json, ready: /readyz)\n", p.Edge())
	for _, s := range launcher.Services {
		fmt.Printf("  %-9s     grpc %s   metrics http://%s/metrics\n", s, p.GRPC(s), p.Metrics(s))
		for r := 1; r < p.Replicas; r++ {
			fmt.Printf("  %-9s     grpc %s\n", launcher.ReplicaName(s, r), p.ReplicaGRPC(s, r))
		}
	}
	if inbox != "" {
		fmt.Printf("  mail inbox    %s   (Mailpit: every notice the suite sends; SMTP 127.0.0.1:%d)\n", inbox, p.SMTP())
	}
	fmt.Printf("  complaints    smtp://%s   (SMTP submission: STARTTLS, AUTH PLAIN with a citizen's ID and its submission password, to minwon@seoul.go.kr)\n", p.Submission())
	fmt.Printf("                its certificate's CA (for --cacert): %s\n", submissionCA)
	fmt.Printf("  token         curl -s -XPOST -H 'Content-Type: application/json' http://%s/dev/token -d '{\"subject\":\"citizen-1\",\"roles\":[\"citizen\"]}'\n\n", p.Edge())
}
