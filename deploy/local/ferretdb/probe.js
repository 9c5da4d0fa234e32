// Exits 0 when the server at argv[2] (a mongodb:// URL) answers `ping`, 1 otherwise.
// One attempt with short timeouts: ferretdb.sh calls it in its own wait loop. The driver is the one
// mongoose ships, so this needs no dependency of its own.
const { MongoClient } = require('mongoose').mongo;

const client = new MongoClient(process.argv[2], {
  serverSelectionTimeoutMS: 1000,
  connectTimeoutMS: 1000,
});

client
  .db('admin')
  .command({ ping: 1 })
  .then(
    () => client.close().then(() => process.exit(0)),
    () => process.exit(1),
  );
