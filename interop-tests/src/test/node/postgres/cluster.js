// A Node server (socket.io 4.8 + @socket.io/postgres-adapter 0.5 + pg 8) in one cluster with sio4j servers, and
// official socket.io-client clients on every server. Prints one line per observation; takes commands on stdin.
// Usage: node cluster.js <postgresUrl> <channelPrefix> <expectedServers> <name>=<url>@<room>...
//   ("node" as url: the Node server)
const { Server } = require("socket.io");
const { createAdapter } = require("@socket.io/postgres-adapter");
const { Pool } = require("pg");
const { io: connect } = require("socket.io-client");
const readline = require("readline");

const [, , postgresUrl, channelPrefix, expected, ...specs] = process.argv;

// large values print as their length and ends, so that a line stays readable
function show(value) {
  if (value instanceof ArrayBuffer) value = new Uint8Array(value);
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
    const hex = Buffer.from(value).toString("hex");
    return hex.length > 16 ? `bin(${value.length}):${hex.slice(0, 4)}..${hex.slice(-4)}` : "bin:" + hex;
  }
  if (typeof value === "string" && value.length > 64) return `str(${value.length})`;
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

function big(size) {
  const buffer = Buffer.alloc(size);
  for (let i = 0; i < size; i++) buffer[i] = i % 251;
  return buffer;
}

async function main() {
  const pool = new Pool({ connectionString: postgresUrl });
  pool.on("error", (e) => out("pg error", String(e)));
  // the reference leaves the table to the application
  await pool.query(`CREATE TABLE IF NOT EXISTS socket_io_attachments (
      id bigserial UNIQUE, created_at timestamptz DEFAULT NOW(), payload bytea)`);

  const io = new Server({ adapter: createAdapter(pool, { channelPrefix }) });
  io.on("connection", (socket) => {
    socket.data.name = socket.handshake.auth.name;
    socket.join(socket.handshake.auth.room);
  });
  io.on("ask", (n, callback) => callback("node:" + n));
  io.on("hello-node", (...args) => out("node got hello-node", args));
  io.listen(0);
  const port = io.httpServer.address().port;

  // every server said hello (heartbeats): the cluster is complete
  while ((await io.of("/").adapter.serverCount()) < Number(expected)) {
    await new Promise((r) => setTimeout(r, 20));
  }

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
      out(name, event, args);
    });
    socket.on("disconnect", (reason) => out(name, "disconnected", reason));
    return new Promise((resolve) => socket.on("connect", resolve));
  });
  await Promise.all(clients);
  out("ready");

  const names = (sockets) => sockets.map((s) => s.data.name).sort().join(",");
  readline.createInterface({ input: process.stdin }).on("line", async (line) => {
    const [command, arg] = line.split(" ");
    try {
      switch (command) {
        case "emit-all": io.emit("from-node", 1, Buffer.from([1, 2])); break;
        case "emit-big": io.to(arg).emit("node-big", big(10000), "y".repeat(9000)); break;
        case "emit-room": io.to(arg).emit("node-room", arg); break;
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
