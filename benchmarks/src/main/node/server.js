// The Node reference peer of the benchmarks: npm socket.io 4.8.x with its default options.
// Events: "echo" acknowledges with its arguments, "join" joins a room and acknowledges, "broadcast" emits "msg"
// to a room, "burst" {room, rep, from, count, size, total} broadcasts "msg" (rep, seq, payload) for each seq of the
// batch, then "end" (rep) after the last one (benchmarks/burst.sh). Protocol with the runner: prints "listening <port>" once bound; on the line "gc" on standard input it
// runs a full collection (node --expose-gc) and prints "gc done"; on "memory", collects and prints
// "memory heap_after_gc=<bytes> direct=<bytes>".
"use strict";
const http = require("http");
const readline = require("readline");
const { Server } = require("socket.io");

const port = Number(process.argv[2] || 0);
const httpServer = http.createServer();
// RECOVERY=true: connection state recovery on with the reference's defaults (the reconnect storm).
const io = new Server(httpServer, process.env.RECOVERY === "true" ? { connectionStateRecovery: {} } : {});

// REDIS_URL=redis://host:port: a node of a cluster over the official Redis adapter (the two-node fan-out,
// TwoNodeFanout), createAdapter, or with REDIS_ADAPTER=streams @socket.io/redis-streams-adapter.
async function useRedis(url) {
  const { createClient } = require("redis");
  const pubClient = createClient({ url });
  if (process.env.REDIS_ADAPTER === "streams") {
    await pubClient.connect();
    io.adapter(require("@socket.io/redis-streams-adapter").createAdapter(pubClient));
    return;
  }
  const subClient = pubClient.duplicate();
  await Promise.all([pubClient.connect(), subClient.connect()]);
  io.adapter(require("@socket.io/redis-adapter").createAdapter(pubClient, subClient));
}

io.on("connection", (socket) => {
  socket.on("echo", (...args) => {
    const ack = args.pop();
    if (typeof ack === "function") ack(...args);
  });
  socket.on("join", (room, ack) => {
    socket.join(room);
    if (typeof ack === "function") ack();
  });
  socket.on("broadcast", (room, payload) => {
    io.to(room).emit("msg", payload);
  });
  socket.on("burst", ({ room, rep, from, count, size, total }) => {
    const payload = "x".repeat(size);
    for (let seq = from; seq < from + count; seq++) {
      io.to(room).emit("msg", rep, seq, payload);
    }
    if (from + count === total) {
      io.to(room).emit("end", rep);
    }
  });
});

(process.env.REDIS_URL ? useRedis(process.env.REDIS_URL) : Promise.resolve()).then(() => {
  httpServer.listen(port, "127.0.0.1", () => {
    console.log("listening " + httpServer.address().port);
  });
});

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  if (line.trim() === "gc") {
    if (typeof global.gc === "function") global.gc();
    console.log("gc done");
  } else if (line.trim() === "memory") {
    // the same words as the JVM peers' (PeerMain): the heap in use after a full collection, and the memory of
    // Buffers outside it
    if (typeof global.gc === "function") global.gc();
    const m = process.memoryUsage();
    console.log("memory heap_after_gc=" + m.heapUsed + " direct=" + m.external);
  }
}).on("close", () => process.exit(0));
