// Command ferretdb runs a MongoDB-compatible FerretDB server backed by SQLite, on loopback only,
// for tests and local runs. It embeds FerretDB as a library because `go install` of FerretDB's
// own command panics at start outside its repository (its generated version file is missing).
package main

import (
	"context"
	"flag"
	"log"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on (keep it on loopback)")
	dataDir := flag.String("data", ".cache/ferretdb/data", "directory of the SQLite databases")
	// FerretDB logs every connection at INFO and dumps every command it does not implement (the
	// drivers' endSessions on each close) at WARN, which would bury real errors in the log.
	// SQLite's default in WAL mode (synchronous=FULL) syncs the log to disk at every commit: a
	// disk flush per write. NORMAL syncs at WAL checkpoints only, which keeps the database
	// consistent after a crash of the server or the machine and may lose the last commits on a
	// power loss: about MongoDB's own default, whose acknowledged writes reach its journal on disk
	// within 100 ms, not one flush each.
	synchronous := flag.String("synchronous", "normal", "SQLite synchronous pragma: full or normal")
	logLevel := slog.LevelError
	flag.TextVar(&logLevel, "log-level", logLevel, "lowest level logged: DEBUG, INFO, WARN or ERROR")
	flag.Parse()

	if *synchronous != "full" && *synchronous != "normal" {
		log.Fatalf("-synchronous must be full or normal, not %q", *synchronous)
	}
	dir, err := filepath.Abs(*dataDir)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		log.Fatal(err)
	}

	server, err := ferretdb.New(&ferretdb.Config{
		Logger:   slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: logLevel})),
		Listener: ferretdb.ListenerConfig{TCP: *listen},
		Handler:  "sqlite",
		// The handler needs a directory URL ending with a slash.
		SQLiteURL: "file:" + dir + "/?_pragma=synchronous(" + *synchronous + ")",
	})
	if err != nil {
		log.Fatal(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	log.Printf("ferretdb listening on %s, data in %s", *listen, dir)
	server.Run(ctx)
}
