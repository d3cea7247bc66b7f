// The Admin UI's "Events" view, with the official socket.io-client: the UI's client on /admin prints the config's
// ALL_EVENTS and each event_received / event_sent; a user on "/" sends "hello" and is answered "hi".
// Usage: node admin-events.js <url>
const { io } = require("socket.io-client");

const [, , url] = process.argv;
const opts = { transports: ["websocket"], reconnection: false, forceNew: true };
const out = (...parts) => console.log(parts.map((p) => (typeof p === "string" ? p : JSON.stringify(p))).join(" "));

const admin = io(url + "/admin", opts);
const isDate = (d) => typeof d === "string" && new Date(d).toISOString() === d;
admin.on("config", (config) => out("config", config.supportedFeatures.includes("ALL_EVENTS")));
admin.on("event_received", (nsp, id, args, date) => out("event_received", nsp, id === user.id, args, isDate(date)));
admin.on("event_sent", (nsp, id, args, date) => {
  out("event_sent", nsp, id === user.id, args, isDate(date));
  out("done");
});
let user;
admin.on("connect", () => {
  user = io(url, opts);
  user.on("connect", () => user.emit("hello", 1, { a: [2] }));
});
