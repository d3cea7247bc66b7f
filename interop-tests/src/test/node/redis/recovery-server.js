// A Node server (socket.io 4.8 + @socket.io/redis-streams-adapter 0.3 + redis 4) with connection state recovery on,
// for clients recovered from a session a sio4j server kept in Redis. Handlers as the sio4j servers of the test: "join"
// (room) joins and acks "joined", "whoami" acks {name, recovered, rooms}. Prints "port <port>".
// Usage: node recovery-server.js <redisUrl>
const { Server } = require("socket.io");
const { createAdapter } = require("@socket.io/redis-streams-adapter");
const { createClient } = require("redis");

const [, , redisUrl] = process.argv;

async function main() {
  const redis = createClient({ url: redisUrl });
  redis.on("error", (e) => console.log("redis error", String(e)));
  await redis.connect();
  const io = new Server({
    adapter: createAdapter(redis),
    connectionStateRecovery: { maxDisconnectionDuration: 120000 },
  });
  io.on("connection", (socket) => {
    if (!socket.recovered) socket.data.name = "alice";
    socket.on("join", (room, callback) => {
      socket.join(room);
      callback("joined");
    });
    socket.on("whoami", (callback) =>
      callback({ name: socket.data.name, recovered: socket.recovered, rooms: [...socket.rooms].sort().join(",") }));
  });
  io.listen(0);
  console.log("port " + io.httpServer.address().port);
}

main().catch((e) => {
  console.log("failed", String(e && e.stack));
  process.exit(1);
});
