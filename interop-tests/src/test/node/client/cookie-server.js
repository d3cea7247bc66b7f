// A Node reference server with the engine's "io" cookie on, reporting the Cookie header of every request it gets.
// Usage: node cookie-server.js; prints "port <n>" once listening, then for each Engine.IO request, long-polling or
// WebSocket upgrade: "request <transport> <sid or -> <cookie header or ->".
const { Server } = require("socket.io");
const http = require("http");
const { URL } = require("url");

const httpServer = http.createServer();
const io = new Server(httpServer, { cookie: true });

function report(req) {
  const url = new URL(req.url, "http://localhost");
  if (url.pathname.startsWith("/socket.io/")) {
    const sid = url.searchParams.get("sid") || "-";
    process.stdout.write(`request ${url.searchParams.get("transport")} ${sid} ${req.headers.cookie || "-"}\n`);
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
});

httpServer.listen(0, "127.0.0.1", () => process.stdout.write(`port ${httpServer.address().port}\n`));
