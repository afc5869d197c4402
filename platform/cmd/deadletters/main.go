// Command deadletters lists, inspects and replays the dead letters of a
// running service over gRPC (seoul.ops.v1.DeadLetterService), as an admin:
//
//	deadletters -addr 127.0.0.1:9105 list [-consumer NAME]
//	deadletters -addr 127.0.0.1:9105 show SEQUENCE
//	deadletters -addr 127.0.0.1:9105 replay SEQUENCE
//	deadletters -addr 127.0.0.1:9105 replay-all [-consumer NAME]
//
// The admin's bearer token comes from -token or SEOUL_TOKEN. Replays apply
// each event at most once (the consumer's inbox guard), so repeating a
// command is safe. The same calls are on the REST edge under
// /v1/services/{service}/dead-letters.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/protobuf/encoding/protojson"

	opsv1 "github.com/seoul-gov/homepage/gen/seoul/ops/v1"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "deadletters:", err)
		os.Exit(1)
	}
}

const usage = `usage: deadletters -addr HOST:PORT [-token TOKEN] COMMAND
commands:
  list [-consumer NAME]        dead letters, oldest first
  show SEQUENCE                one dead letter with its payload
  replay SEQUENCE              apply it again (at most once) and remove it
  replay-all [-consumer NAME]  replay every dead letter`

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("deadletters", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	addr := fs.String("addr", "", "gRPC address of the service, e.g. 127.0.0.1:9105 (mileage under make run)")
	token := fs.String("token", os.Getenv("SEOUL_TOKEN"), "an admin's bearer token (default $SEOUL_TOKEN)")
	if err := fs.Parse(args); err != nil || *addr == "" || fs.NArg() == 0 {
		return errors.New(usage)
	}
	conn, err := grpc.NewClient(*addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	defer conn.Close()
	ctx = metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+*token)
	c := cli{api: opsv1.NewDeadLetterServiceClient(conn), out: out}
	return c.dispatch(ctx, fs.Arg(0), fs.Args()[1:])
}

type cli struct {
	api opsv1.DeadLetterServiceClient
	out io.Writer
}

func (c cli) dispatch(ctx context.Context, cmd string, args []string) error {
	switch cmd {
	case "list", "replay-all":
		fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		consumer := fs.String("consumer", "", "only this consumer's dead letters")
		if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
			return errors.New(usage)
		}
		if cmd == "list" {
			return c.list(ctx, *consumer)
		}
		return c.replayAll(ctx, *consumer)
	case "show", "replay":
		if len(args) != 1 {
			return errors.New(usage)
		}
		seq, err := strconv.ParseUint(args[0], 10, 64)
		if err != nil {
			return fmt.Errorf("SEQUENCE %q: not a number", args[0])
		}
		if cmd == "show" {
			return c.show(ctx, seq)
		}
		return c.replay(ctx, seq)
	}
	return errors.New(usage)
}

func (c cli) list(ctx context.Context, consumer string) error {
	token := ""
	for {
		resp, err := c.api.ListDeadLetters(ctx, &opsv1.ListDeadLettersRequest{Consumer: consumer, PageToken: token})
		if err != nil {
			return err
		}
		for _, d := range resp.GetDeadLetters() {
			fmt.Fprintf(c.out, "%d\t%s\t%s\t%s\t%s\t%s\n", d.GetSequence(), d.GetDeadLetterTime().AsTime().Format(time.RFC3339),
				d.GetConsumer(), d.GetSubject(), d.GetEventId(), d.GetError())
		}
		if token = resp.GetNextPageToken(); token == "" {
			return nil
		}
	}
}

func (c cli) show(ctx context.Context, seq uint64) error {
	resp, err := c.api.GetDeadLetter(ctx, &opsv1.GetDeadLetterRequest{Sequence: seq})
	if err != nil {
		return err
	}
	b, err := protojson.MarshalOptions{Multiline: true, UseProtoNames: true}.Marshal(resp.GetDeadLetter())
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(c.out, string(b))
	return err
}

func (c cli) replay(ctx context.Context, seq uint64) error {
	resp, err := c.api.ReplayDeadLetter(ctx, &opsv1.ReplayDeadLetterRequest{Sequence: seq})
	if err != nil {
		return err
	}
	fmt.Fprintf(c.out, "%d\t%s\t%s\n", seq, resp.GetDeadLetter().GetEventId(), outcome(resp.GetApplied(), ""))
	return nil
}

func (c cli) replayAll(ctx context.Context, consumer string) error {
	resp, err := c.api.ReplayDeadLetters(ctx, &opsv1.ReplayDeadLettersRequest{Consumer: consumer})
	if err != nil {
		return err
	}
	for _, r := range resp.GetResults() {
		fmt.Fprintf(c.out, "%d\t%s\t%s\n", r.GetSequence(), r.GetEventId(), outcome(r.GetApplied(), r.GetError()))
	}
	fmt.Fprintf(c.out, "applied %d, already applied %d, failed again %d\n",
		resp.GetAppliedCount(), resp.GetAlreadyAppliedCount(), resp.GetFailedCount())
	if resp.GetFailedCount() > 0 {
		return errors.New("some dead letters failed again and were kept")
	}
	return nil
}

func outcome(applied bool, failure string) string {
	switch {
	case failure != "":
		return "failed again, kept: " + failure
	case applied:
		return "applied"
	}
	return "already applied before (nothing done twice), removed"
}
