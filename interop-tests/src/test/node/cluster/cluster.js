// A Node server (socket.io 4.8 with an official cluster adapter) in one cluster with sio4j servers, and official
// socket.io-client clients on every server. Prints one line per observation; takes commands on stdin.
// Usage: node cluster.js <adapter> <brokerUrl> <expectedServers> <name>=<url>@<room>[+<room>]...
//   ("node" as url: the Node server). <adapter>:
//   redis                    @socket.io/redis-adapter 8.3 createAdapter (PUBLISH / SUBSCRIBE)
//   redis-sharded:<mode>     its createShardedAdapter (SPUBLISH / SSUBSCRIBE, Redis 7+), subscriptionMode <mode>
//   redis-streams            @socket.io/redis-streams-adapter 0.3, connection state recovery on
//   postgres:<prefix>        @socket.io/postgres-adapter 0.5 over pg 8, channelPrefix <prefix>
"use strict";
const { Server } = require("socket.io");
const { io: connect } = require("socket.io-client");
const { out, names, onCommands, run } = require("./show");

const [, , adapterSpec, brokerUrl, expected, ...specs] = process.argv;
const [kind, adapterArg] = adapterSpec.split(":");

async function redisClients(count) {
  const { createClient } = require("redis");
  const first = createClient({ url: brokerUrl });
  const clients = [first];
  while (clients.length < count) clients.push(first.duplicate());
  for (const c of clients) c.on("error", (e) => out("redis error", String(e)));
  await Promise.all(clients.map((c) => c.connect()));
  return clients;
}

async function serverOptions() {
  switch (kind) {
    case "redis": {
      const [pub, sub] = await redisClients(2);
      return { adapter: require("@socket.io/redis-adapter").createAdapter(pub, sub) };
    }
    case "redis-sharded": {
      const [pub, sub] = await redisClients(2);
      const { createShardedAdapter } = require("@socket.io/redis-adapter");
      return { adapter: createShardedAdapter(pub, sub, { subscriptionMode: adapterArg }) };
    }
    case "redis-streams": {
      const [redis] = await redisClients(1);
      return {
        adapter: require("@socket.io/redis-streams-adapter").createAdapter(redis),
        connectionStateRecovery: { maxDisconnectionDuration: 120000 },
      };
    }
    case "postgres": {
      const { Pool } = require("pg");
      const pool = new Pool({ connectionString: brokerUrl });
      pool.on("error", (e) => out("pg error", String(e)));
      // the reference leaves the table to the application
      await pool.query(`CREATE TABLE IF NOT EXISTS socket_io_attachments (
          id bigserial UNIQUE, created_at timestamptz DEFAULT NOW(), payload bytea)`);
      return { adapter: require("@socket.io/postgres-adapter").createAdapter(pool, { channelPrefix: adapterArg }) };
    }
    default:
      throw new Error("unknown adapter " + adapterSpec);
  }
}

function big(size) {
  const buffer = Buffer.alloc(size);
  for (let i = 0; i < size; i++) buffer[i] = i % 251;
  return buffer;
}

async function main() {
  const io = new Server(await serverOptions());
  io.on("connection", (socket) => {
    socket.data.name = socket.handshake.auth.name;
    socket.join(socket.handshake.auth.room.split("+"));
  });
  io.on("hello-node", (...args) => out("node got hello-node", args));
  io.on("ask", (n, callback) => callback("node:" + n));
  io.listen(0);
  const port = io.httpServer.address().port;

  // every server is known (subscribers counted, or heartbeats heard): the cluster is complete
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

  onCommands(async (command, [arg, arg2]) => {
    switch (command) {
      case "emit-all": io.emit("from-node", 1, Buffer.from([1, 2])); break;
      case "emit-room": io.to(arg).emit("node-room", arg); break;
      case "emit-room-except": io.to(arg).except(arg2).emit("node-room-except", Buffer.from([9])); break;
      case "emit-except": io.except(arg).emit("node-except"); break;
      case "emit-big": io.to(arg).emit("node-big", big(10000), "y".repeat(9000)); break;
      case "emit-end": io.emit("end"); break;
      case "fetch": out("fetched", arg, names(await io.in(arg).fetchSockets())); break;
      case "join": io.in(arg).socketsJoin("node-" + arg); out("joined", arg); break;
      case "disconnect": io.in(arg).disconnectSockets(); break;
      case "rooms": {
        const known = ["red", "blue", "green", "node-red"];
        const rooms = [...(await io.of("/").adapter.allRooms())];
        out("rooms", rooms.filter((r) => known.includes(r)).sort().join(","), rooms.includes(arg) ? "with " + arg : "");
        break;
      }
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
    }
  });
}

run(main);
