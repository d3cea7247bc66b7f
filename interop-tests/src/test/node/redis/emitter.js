// A Node server (socket.io 4.8 + @socket.io/redis-adapter 8.3) in one cluster with sio4j servers, official
// socket.io-client clients on every server (namespaces "/" and "/admin"), and the official emitter
// (@socket.io/redis-emitter 5.1) run on command. Prints one line per observation; takes commands on stdin.
// Usage: node emitter.js <redisUrl> <expectedServers> <name>=<url><nsp>@<room>...   ("node" as url: the Node server)
const { Server } = require("socket.io");
const { createAdapter } = require("@socket.io/redis-adapter");
const { Emitter } = require("@socket.io/redis-emitter");
const { createClient } = require("redis");
const { io: connect } = require("socket.io-client");
const { out, names, onCommands, run } = require("../cluster/show");

const [, , redisUrl, expected, ...specs] = process.argv;

async function main() {
  const pub = createClient({ url: redisUrl });
  const sub = pub.duplicate();
  const emitterClient = pub.duplicate();
  for (const c of [pub, sub, emitterClient]) c.on("error", (e) => out("redis error", String(e)));
  await Promise.all([pub.connect(), sub.connect(), emitterClient.connect()]);
  const emitter = new Emitter(emitterClient);

  const io = new Server({ adapter: createAdapter(pub, sub) });
  for (const nsp of [io.of("/"), io.of("/admin")]) {
    nsp.on("connection", (socket) => {
      socket.data.name = socket.handshake.auth.name;
      socket.join(socket.handshake.auth.room);
    });
  }
  io.on("hello", (...args) => out("node got hello", args));
  io.listen(0);
  const port = io.httpServer.address().port;

  // every server subscribed to the request channels: the cluster is complete
  for (const nsp of ["/", "/admin"]) {
    while ((await io.of(nsp).adapter.serverCount()) < Number(expected)) {
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  const clients = specs.map((spec) => {
    const [name, rest] = spec.split("=");
    const [target, room] = rest.split("@");
    const admin = target.endsWith("/admin");
    const url = admin ? target.slice(0, -"/admin".length) : target;
    const base = url === "node" ? `http://127.0.0.1:${port}` : url;
    const socket = connect(base + (admin ? "/admin" : ""),
      { auth: { name, room }, transports: ["websocket"], reconnection: false });
    socket.onAny((event, ...args) => out(name, event, args));
    socket.on("disconnect", (reason) => out(name, "disconnected", reason));
    return new Promise((resolve) => socket.on("connect", resolve));
  });
  await Promise.all(clients);
  out("ready");

  onCommands(async (command, args) => {
    switch (command) {
      // the official emitter
      case "e-all": emitter.emit("from-emitter", 1, Buffer.from([1, 2]), { nested: Buffer.from([3]) }); break;
      case "e-room": emitter.to(args[0]).emit("e-room", args[0]); break;
      case "e-except": emitter.except(args[0]).compress(true).emit("e-except"); break;
      case "e-rooms": emitter.to(args).except(args[0]).emit("e-rooms"); break;
      case "e-nsp": emitter.of("/admin").emit("e-nsp"); break;
      case "e-end": emitter.emit("end"); emitter.of("admin").emit("end"); break;
      case "e-join": emitter.in(args[0]).socketsJoin(args[1]); break;
      case "e-leave": emitter.in(args[0]).socketsLeave(args[1]); break;
      case "e-disconnect": emitter.in(args[0]).disconnectSockets(); break;
      case "e-ssemit": emitter.serverSideEmit("hello", "from emitter", 3); break;
      // the Node server
      case "fetch": out("fetched", args[0], names(await io.in(args[0]).fetchSockets())); break;
    }
  });
}

run(main);
