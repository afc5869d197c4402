package localinfra_test

import (
	"context"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/localinfra"
)

func jsConnect(t *testing.T, url string) jetstream.JetStream {
	t.Helper()
	nc, err := nats.Connect(url)
	require.NoError(t, err)
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	require.NoError(t, err)
	return js
}

func TestNATSJetStreamSurvivesRestart(t *testing.T) {
	n, err := localinfra.StartNATS(localinfra.NATSOptions{})
	require.NoError(t, err)
	t.Cleanup(n.Shutdown)
	require.True(t, n.Server().JetStreamEnabled())
	url := n.URL()

	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	js := jsConnect(t, url)
	_, err = js.CreateStream(ctx, jetstream.StreamConfig{
		Name: "CONTENT", Subjects: []string{"content.>"}, Storage: jetstream.FileStorage,
	})
	require.NoError(t, err)
	_, err = js.Publish(ctx, "content.published", []byte("notice-1"))
	require.NoError(t, err)

	require.NoError(t, n.Restart())
	require.Equal(t, url, n.URL(), "Restart must keep the port")

	js = jsConnect(t, n.URL())
	stream, err := js.Stream(ctx, "CONTENT")
	require.NoError(t, err)
	msg, err := stream.GetMsg(ctx, 1)
	require.NoError(t, err)
	require.Equal(t, "notice-1", string(msg.Data))
}

func TestNATSStopStartAndShutdownTwice(t *testing.T) {
	n, err := localinfra.StartNATS(localinfra.NATSOptions{Logf: t.Logf})
	require.NoError(t, err)
	n.Stop()
	_, err = nats.Connect(n.URL(), nats.NoReconnect())
	require.Error(t, err, "server must be down between Stop and Start")
	require.NoError(t, n.Start())
	nc, err := nats.Connect(n.URL())
	require.NoError(t, err)
	nc.Close()
	n.Shutdown()
	n.Shutdown()
	require.Error(t, n.Start())
}
