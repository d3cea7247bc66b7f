// A Node server (socket.io 4.8 + @socket.io/redis-streams-adapter 0.3 + redis 4, connection state recovery on) in one
// cluster with sio4j servers, and official socket.io-client clients on every server. Prints one line per observation;
// takes commands on stdin.
// Usage: node streams-cluster.js <redisUrl> <expectedServers> <name>=<url>@<room>[+<room>]...
//   ("node" as url: the Node server)
const { Server } = require("socket.io");
const { createAdapter } = require("@socket.io/redis-streams-adapter");
const { createClient } = require("redis");
const { io: connect } = require("socket.io-client");
const readline = require("readline");

const [, , redisUrl, expected, ...specs] = process.argv;

function show(value) {
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return "bin:" + Buffer.from(value).toString("hex");
  if (value instanceof ArrayBuffer) return "bin:" + Buffer.from(new Uint8Array(value)).toString("hex");
  if (Array.isArray(value)) return value.map(show);
  if (value && typeof value === "object") {
    const out = {};
    for (const key of Object.keys(value)) out[key] = show(value[key]);
    return out;
  }
  return value;
}
const out = (...parts) =>
  console.log(parts.map((p) => (typeof p === "string" ? p : JSON.stringify(show(p)))).join(" "));

async function main() {
  const redis = createClient({ url: redisUrl });
  redis.on("error", (e) => out("redis error", String(e)));
  await redis.connect();

  const io = new Server({
    adapter: createAdapter(redis),
    connectionStateRecovery: { maxDisconnectionDuration: 120000 },
  });
  io.on("connection", (socket) => {
    socket.data.name = socket.handshake.auth.name;
    socket.join(socket.handshake.auth.room.split("+"));
  });
  io.on("hello-node", (...args) => out("node got hello-node", args));
  io.on("ask", (n, callback) => callback("node:" + n));
  io.listen(0);
  const port = io.httpServer.address().port;

  // every server subscribed to the namespace's channel (PUBSUB NUMSUB): the cluster is complete
  while ((await io.of("/").adapter.serverCount()) < Number(expected)) {
    await new Promise((r) => setTimeout(r, 20));
  }

  const offsets = new Set();
  const clients = specs.map((spec) => {
    const [name, rest] = spec.split("=");
    const [url, room] = rest.split("@");
    const target = url === "node" ? `http://127.0.0.1:${port}` : url;
    const socket = connect(target, { auth: { name, room }, transports: ["websocket"], reconnection: false });
    socket.onAny((event, ...args) => {
      const last = args[args.length - 1];
      if (typeof last === "function") {
        args.pop();
        last(name);
      }
      // with recovery on, a kept broadcast carries its offset (the stream entry id) last: the same on every server
      const offset = args[args.length - 1];
      if (socket._pid && typeof offset === "string" && /^[0-9]+-[0-9]+$/.test(offset)) {
        args.pop();
        offsets.add(event + "@" + offset);
      }
      out(name, event, args);
    });
    socket.on("disconnect", (reason) => out(name, "disconnected", reason));
    return new Promise((resolve) => socket.on("connect", resolve));
  });
  await Promise.all(clients);
  out("ready");

  const names = (sockets) => sockets.map((s) => s.data.name).sort().join(",");
  readline.createInterface({ input: process.stdin }).on("line", async (line) => {
    const [command, arg, arg2] = line.split(" ");
    try {
      switch (command) {
        case "emit-all": io.emit("from-node", 1, Buffer.from([1, 2])); break;
        case "emit-room": io.to(arg).emit("node-room", arg); break;
        case "emit-room-except": io.to(arg).except(arg2).emit("node-room-except", Buffer.from([9])); break;
        case "emit-except": io.except(arg).emit("node-except"); break;
        case "emit-end": io.emit("end"); break;
        case "fetch": out("fetched", arg, names(await io.in(arg).fetchSockets())); break;
        case "join": io.in(arg).socketsJoin("node-" + arg); out("joined", arg); break;
        case "disconnect": io.in(arg).disconnectSockets(); break;
        case "ssemit": io.serverSideEmit("hello-java", "from node", 2); break;
        case "ssack": {
          const answers = await io.serverSideEmitWithAck("ask", Number(arg));
          out("ssacks", answers.slice().sort().join(","));
          break;
        }
        case "ack": {
          const answers = await io.timeout(5000).emitWithAck("poll");
          out("acks", answers.slice().sort().join(","));
          break;
        }
        case "offsets": out("offsets", [...offsets].filter((o) => o.startsWith(arg + "@")).length); break;
        case "exit": process.exit(0);
      }
    } catch (e) {
      out("error", command, String(e));
    }
  });
}

main().catch((e) => {
  out("failed", String(e && e.stack));
  process.exit(1);
});
