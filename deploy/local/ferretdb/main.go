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
	logLevel := slog.LevelError
	flag.TextVar(&logLevel, "log-level", logLevel, "lowest level logged: DEBUG, INFO, WARN or ERROR")
	flag.Parse()

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
		SQLiteURL: "file:" + dir + "/",
	})
	if err != nil {
		log.Fatal(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	log.Printf("ferretdb listening on %s, data in %s", *listen, dir)
	server.Run(ctx)
}
