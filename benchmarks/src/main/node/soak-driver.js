// The soak test's clients (benchmarks/soak.sh): official socket.io-client connections against one server, for
// MINUTES minutes. Each client connects (the first ones spread over the first minute), joins one of 20 rooms with an
// ack, emits an acked "echo" every 1-5 s and a "to" its room now and then, and after a random life of 30 s to
// 5 min leaves: half of them disconnect and a new client takes the place, the other half drop their transport
// (engine close) and reconnect, recovering their session. Every minute one client asks for a broadcast storm.
// Prints one line of counters per minute, then "summary {json}".
"use strict";
const { io } = require("socket.io-client");

const [, , url, clientsArg, minutesArg] = process.argv;
const CLIENTS = Number(clientsArg || 2000);
const MINUTES = Number(minutesArg || 30);
const ROOMS = 20;
const end = Date.now() + MINUTES * 60_000;
const stats = {
  connects: 0, recovered: 0, connectErrors: 0, disconnects: 0, acks: 0, ackFailures: 0, messages: 0,
  stormEvents: 0, storms: 0,
};
const live = new Set();

function rand(min, max) {
  return min + Math.random() * (max - min);
}

function client(delay) {
  setTimeout(() => {
    if (Date.now() > end) return;
    const socket = io(url, { transports: Math.random() < 0.2 ? ["polling"] : ["polling", "websocket"],
      forceNew: true, reconnectionDelay: 500, reconnectionDelayMax: 5000 });
    live.add(socket);
    let timer = null;
    socket.on("connect", async () => {
      stats.connects++;
      if (socket.recovered) stats.recovered++;
      try {
        await socket.timeout(10_000).emitWithAck("join", "room-" + Math.floor(rand(0, ROOMS)));
        stats.acks++;
      } catch (e) {
        stats.ackFailures++;
      }
    });
    socket.on("connect_error", () => stats.connectErrors++);
    socket.on("disconnect", () => stats.disconnects++);
    socket.on("msg", () => stats.messages++);
    socket.on("storm", () => stats.stormEvents++);
    const tick = async () => {
      timer = setTimeout(tick, rand(1000, 5000));
      if (!socket.connected) return;
      try {
        await socket.timeout(10_000).emitWithAck("echo", "x".repeat(Math.floor(rand(10, 500))));
        stats.acks++;
      } catch (e) {
        stats.ackFailures++;
      }
      if (Math.random() < 0.05) socket.emit("to", "room-" + Math.floor(rand(0, ROOMS)), "hello");
    };
    timer = setTimeout(tick, rand(1000, 5000));
    setTimeout(() => {
      if (Math.random() < 0.5) {
        clearTimeout(timer);
        socket.disconnect();
        live.delete(socket);
        client(rand(0, 2000));
      } else if (socket.io.engine) {
        // a transport drop: the client reconnects by itself and the server recovers its session
        socket.io.engine.close();
        setTimeout(() => { clearTimeout(timer); socket.disconnect(); live.delete(socket); client(0); },
          rand(30_000, 300_000));
      }
    }, rand(30_000, 300_000));
  }, delay);
}

for (let i = 0; i < CLIENTS; i++) client(rand(0, 60_000));

const started = Date.now();
const minute = setInterval(() => {
  const connected = [...live].filter((s) => s.connected);
  if (connected.length > 0) {
    const s = connected[Math.floor(rand(0, connected.length))];
    s.timeout(30_000).emitWithAck("storm", 200, 200).then(() => stats.storms++, () => stats.ackFailures++);
  }
  console.log(JSON.stringify({ minute: Math.round((Date.now() - started) / 60_000), live: connected.length,
    ...stats }));
}, 60_000);

setTimeout(() => {
  clearInterval(minute);
  for (const s of live) s.disconnect();
  console.log("summary " + JSON.stringify(stats));
  setTimeout(() => process.exit(0), 1000);
}, MINUTES * 60_000 + 5_000);
