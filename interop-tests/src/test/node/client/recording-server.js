// A Node reference server reporting what it receives, for the Java client's connection options tests.
// Usage: node recording-server.js '<json Server options>'; prints "port <n>" once listening, then for each Engine.IO
// request, long-polling or WebSocket upgrade, "request <json>" with its transport, sid, url, cookie and x-token
// header; "disconnect <reason>" for each socket that leaves. Reads "drop" on stdin: closes every engine connection.
const { Server } = require("socket.io");
const http = require("http");
const readline = require("readline");
const { URL } = require("url");

const opts = JSON.parse(process.argv[2] || "{}");
const httpServer = http.createServer();
const io = new Server(httpServer, opts);

function log(line) {
  process.stdout.write(line + "\n");
}

function report(req) {
  const url = new URL(req.url, "http://localhost");
  if (url.pathname.startsWith(opts.path || "/socket.io")) {
    log("request " + JSON.stringify({
      transport: url.searchParams.get("transport"),
      sid: url.searchParams.get("sid"),
      url: req.url,
      cookie: req.headers.cookie || null,
      token: req.headers["x-token"] || null,
    }));
  }
}

// Ahead of the engine's own listeners, so that every request is seen before it is answered.
httpServer.prependListener("request", report);
httpServer.prependListener("upgrade", report);

io.on("connection", (socket) => {
  socket.on("ack", (...args) => {
    const cb = args.pop();
    cb(...args);
  });
  socket.on("disconnect", (reason) => log("disconnect " + reason));
});

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  if (line === "drop") {
    Object.values(io.engine.clients).forEach((client) => client.close());
  }
});

httpServer.listen(0, "127.0.0.1", () => log(`port ${httpServer.address().port}`));
