// Command ferretdb-local runs FerretDB v1 (SQLite backend, telemetry off) on one address for the
// local stack. It embeds the ferretdb package rather than building FerretDB's own command, which
// panics at start when built outside its repository (no version file).
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	flags := flag.NewFlagSet("ferretdb-local", flag.ExitOnError)
	listen := flags.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	dir := flags.String("data", "data", "directory of the SQLite databases")
	level := flags.String("log-level", "warn", "debug, info, warn or error")
	// The stack script tags each server's command line with a -D marker, as it does the JVMs'.
	_ = flags.Parse(withoutMarkers(os.Args[1:]))

	if err := os.MkdirAll(*dir, 0o755); err != nil {
		fail(err)
	}
	var minLevel slog.Level
	if err := minLevel.UnmarshalText([]byte(*level)); err != nil {
		fail(err)
	}
	logger := slog.New(stackOnPanic{slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: minLevel})})
	// Telemetry: the embedded package disables and locks it (ferretdb.New), and nothing else here
	// reaches beyond the listen address.
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + strings.TrimSuffix(*dir, "/") + "/",
	})
	if err != nil {
		fail(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// New has bound the port already; the stack script waits for this line.
	fmt.Fprintf(os.Stderr, "ferretdb-local: listening on %s (SQLite in %s)\n", *listen, *dir)
	if err := f.Run(ctx); err != nil {
		fail(err)
	}
}

func withoutMarkers(args []string) []string {
	kept := args[:0:0]
	for _, arg := range args {
		if !strings.HasPrefix(arg, "-D") {
			kept = append(kept, arg)
		}
	}
	return kept
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "ferretdb-local: %v\n", err)
	os.Exit(1)
}

// stackOnPanic adds the goroutine's stack to records above ERROR: FerretDB logs a recovered
// panic at that level from inside its deferred recover, where the stack still shows the panic,
// but it logs only the message.
type stackOnPanic struct{ slog.Handler }

func (h stackOnPanic) Handle(ctx context.Context, r slog.Record) error {
	if r.Level > slog.LevelError {
		r.AddAttrs(slog.String("stack", string(debug.Stack())))
	}
	return h.Handler.Handle(ctx, r)
}

func (h stackOnPanic) WithAttrs(attrs []slog.Attr) slog.Handler {
	return stackOnPanic{h.Handler.WithAttrs(attrs)}
}

func (h stackOnPanic) WithGroup(name string) slog.Handler {
	return stackOnPanic{h.Handler.WithGroup(name)}
}
