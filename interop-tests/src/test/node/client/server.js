// The Node reference server for the Java client's scenario tests.
// Usage: node server.js '<json options>' (pingInterval, pingTimeout, transports, maxHttpBufferSize, recovery, port,
// pfx and passphrase for TLS, ca to require client certificates, parser: "msgpack" for socket.io-msgpack-parser); prints "port <n>" once listening, and
// "record <json>" for each "record" event. Reads commands on stdin: "tick <n>" (io.emit("tick", n)), "drop" (closes
// every engine connection, a recoverable loss), "dropAndTick <n>" (drop, then io.emit while the client is away).
const { Server } = require("socket.io");
const http = require("http");
const https = require("https");
const fs = require("fs");
const readline = require("readline");

const opts = JSON.parse(process.argv[2] || "{}");
// With "pfx", serve HTTPS (and WSS) with that PKCS#12 key store; with "ca" as well (a PEM file), require a client
// certificate issued by that authority.
const httpServer = opts.pfx
  ? https.createServer({
      pfx: fs.readFileSync(opts.pfx),
      passphrase: opts.passphrase,
      ca: opts.ca ? fs.readFileSync(opts.ca) : undefined,
      requestCert: !!opts.ca,
      rejectUnauthorized: !!opts.ca,
    })
  : http.createServer();
const io = new Server(httpServer, {
  pingInterval: opts.pingInterval || 25000,
  pingTimeout: opts.pingTimeout || 20000,
  transports: opts.transports || ["polling", "websocket"],
  maxHttpBufferSize: opts.maxHttpBufferSize || 1e6,
  connectionStateRecovery: opts.recovery ? { maxDisconnectionDuration: 60000, skipMiddlewares: true } : undefined,
  parser: opts.parser === "msgpack" ? require("socket.io-msgpack-parser") : undefined,
});

function log(line) {
  process.stdout.write(line + "\n");
}

function handlers(socket) {
  socket.on("echo", (...args) => socket.emit("echo", ...args));
  socket.on("ack", (...args) => {
    const cb = args.pop();
    cb(...args);
  });
  socket.on("askClient", (value) => {
    socket.emit("serverAsks", value, (...answer) => socket.emit("clientAnswered", ...answer));
  });
  socket.on("join", (room) => socket.join(room));
  socket.on("toRoom", (room, msg) => io.of(socket.nsp.name).to(room).emit("roomMessage", room, msg));
  socket.on("record", (...args) => log("record " + JSON.stringify(args)));
  socket.on("disconnectMe", () => socket.disconnect());
  socket.on("whoami", (cb) => cb({
    id: socket.id,
    engineId: socket.conn.id,
    transport: socket.conn.transport.name,
    auth: socket.handshake.auth,
    query: socket.handshake.query,
    header: socket.handshake.headers["x-sio4j-test"] || null,
  }));
  socket.on("noAck", () => {}); // never acknowledges
  let failures = 0;
  socket.on("flaky", (n, cb) => {
    // Acknowledges only every third delivery, to exercise the client's retries.
    failures++;
    log("flaky " + n + " " + failures);
    if (failures % 3 === 0) cb("ok " + n);
  });
}

io.on("connection", (socket) => {
  if (socket.recovered) log("recovered " + socket.id);
  handlers(socket);
});
io.of("/admin").on("connection", handlers);
io.of("/secure").use((socket, next) => {
  if (socket.handshake.auth && socket.handshake.auth.token === "good") return next();
  const err = new Error("unauthorized");
  err.data = { reason: "bad token" };
  next(err);
});
io.of("/secure").on("connection", handlers);

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const [cmd, arg] = line.split(" ");
  if (cmd === "tick") io.emit("tick", Number(arg));
  if (cmd === "drop") io.fetchSockets().then((ss) => ss.forEach((s) => s.conn.close()));
  if (cmd === "dropAndTick") {
    io.fetchSockets().then((ss) => {
      ss.forEach((s) => s.conn.close());
      setTimeout(() => { io.emit("tick", Number(arg)); log("ticked " + arg); }, 50);
    });
  }
});

httpServer.listen(opts.port || 0, "127.0.0.1", () => log("port " + httpServer.address().port));
