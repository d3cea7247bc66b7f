// Does what the Admin UI's client does, with the official socket.io-client, against a server at <url>, and prints
// one line per observation. A second client on "/" plays the watched application user.
// Usage: node admin-client.js <url> <username> <password>
const { io } = require("socket.io-client");

const [, , url, username, password] = process.argv;
const opts = { transports: ["websocket"], reconnection: false, forceNew: true };
const out = (...parts) => console.log(parts.map((p) => (typeof p === "string" ? p : JSON.stringify(p))).join(" "));
const once = (socket, event) => new Promise((resolve) => socket.once(event, (...args) => resolve(args)));

async function main() {
  const wrong = io(url + "/admin", { ...opts, auth: { username, password: password + "-wrong" } });
  const [err] = await once(wrong, "connect_error");
  out("refused", err.message);

  const admin = io(url + "/admin", { ...opts, auth: { username, password } });
  const session = once(admin, "session");
  const config = once(admin, "config");
  const stats = once(admin, "server_stats");
  const all = once(admin, "all_sockets");
  // the user's own room is joined before its socket_connected, which may come before the user sees its CONNECT
  let watched;
  admin.on("socket_connected", (s) => {
    watched = s.id;
    out("socket_connected", s.nsp, s.transport, s.rooms.length, /^[\w-]{12}$/.test(s.clientId));
  });
  admin.on("socket_disconnected", (nsp, id, reason) => out("socket_disconnected", nsp, id === watched, reason));
  admin.on("room_joined", (nsp, room, id) => out("room_joined", nsp, room === id ? "<own>" : room,
    room === id || id === watched));
  admin.on("room_left", (nsp, room, id) => out("room_left", nsp, room === id ? "<own>" : room, id === watched));
  const [sessionId] = await session;
  out("session", /^[0-9a-f]{16}$/.test(sessionId));
  out("config", (await config)[0].supportedFeatures);
  const [s] = await stats;
  out("server_stats", s.serverId, typeof s.uptime, s.clientsCount, s.pid > 0);
  out("all_sockets", (await all)[0].length);

  // the UI reconnects with its session id instead of the password
  // the per-second counts go out with the stats, and are forgotten then: a connection made while this client listens
  const counted = (events) => events.some((e) => e.type === "rawConnection" && e.count >= 1 && e.timestamp % 1000 === 0);
  const aggregated = new Promise((resolve) => {
    const check = (stats) => {
      if (counted(stats.aggregatedEvents)) {
        admin.off("server_stats", check);
        resolve();
      }
    };
    admin.on("server_stats", check);
  });
  const again = io(url + "/admin", { ...opts, auth: { sessionId } });
  await once(again, "connect");
  out("session reused");
  await aggregated;
  out("aggregated rawConnection");
  again.disconnect();

  const connected = once(admin, "socket_connected");
  const user = io(url, opts);
  user.on("hello", (...args) => out("user hello", args));
  user.on("disconnect", (reason) => out("user disconnect", reason));
  await once(user, "connect");
  await connected;
  out("watched is the user", watched === user.id);
  const received = once(admin, "event_received");
  user.emit("to-server", 7, "x");
  const [rnsp, rid, rargs, rtime] = await received;
  out("event_received", rnsp, rid === watched, rargs, !isNaN(Date.parse(rtime)));
  const sent = once(admin, "event_sent");
  admin.emit("join", "/", "vip");
  await once(admin, "room_joined");
  admin.emit("emit", "/", "vip", "hello", 42, { a: 1 });
  await once(user, "hello");
  const [snsp, sid, sargs] = await sent;
  out("event_sent", snsp, sid === watched, sargs);
  admin.emit("leave", "/", "vip");
  await once(admin, "room_left");
  admin.emit("_disconnect", "/", false);
  await once(admin, "socket_disconnected");
  out("done");
  admin.disconnect();
}

main().catch((e) => { out("failed", e.message); process.exit(1); });
