// A burst of broadcasts to official socket.io-client instances sharing one Node process, as a chat or dashboard
// server sends them: the first client asks the server for <total> broadcasts of a <size>-byte payload to a room, in
// requests of <batch>, sent back to back; every client checks that it gets each one, once and in order.
//
// Usage: node burst.js <url> <clients> <total> <batch> <size> <reps> [stall]
// With "stall", the last client stops reading its WebSocket after joining (its TCP window fills), and is not waited
// for.
//
// Server side, expected of the server under test (the benchmark peers have it too): "join" (room, ack: joins the
// room "burst" and acknowledges), and "burst" {room, rep, from, count, size, total}: broadcasts "msg" (rep, seq,
// payload of size characters) to the room for seq in [from, from + count), then, when from + count == total,
// "end" (rep).
//
// Prints, per repetition: "rep <n> ok <millis> disconnects <d> recovered <r>" when every reading client got all
// messages in order (a client that was disconnected counts only if it then recovered the rest), or a line starting
// with "LOST" naming the client and what it missed, at the moment the loss shows: a gap in the sequence on a connection
// that never broke, or an "end" before every message. Prints "done" at the end, then exits once standard input closes.
const { io } = require("socket.io-client");

const [, , url, clientsArg, totalArg, batchArg, sizeArg, repsArg, mode] = process.argv;
const clients = Number(clientsArg);
const total = Number(totalArg);
const batch = Number(batchArg);
const size = Number(sizeArg);
const reps = Number(repsArg);
const stall = mode === "stall";

function out(...parts) {
  console.log(parts.join(" "));
}

class Receiver {
  constructor(index) {
    this.index = index;
    this.stalled = stall && index === clients - 1;
    this.rep = -1;
    this.next = 0;
    this.ended = false;
    this.disconnects = 0;
    this.recovered = 0;
    this.broken = false; // disconnected since the last message, and not recovered
    this.socket = io(url, { transports: ["websocket"], forceNew: true });
    this.socket.on("connect", () => {
      if (this.socket.recovered) {
        this.recovered++;
        this.broken = false;
      } else if (this.disconnects > 0) {
        out("LOST client", this.index, "reconnected without recovery at rep", this.rep, "seq", this.next);
      }
    });
    this.socket.on("disconnect", (reason) => {
      this.disconnects++;
      this.broken = true;
      out("disconnect client", this.index, reason);
    });
    this.socket.on("msg", (rep, seq, payload) => {
      if (rep !== this.rep) {
        this.rep = rep;
        this.next = 0;
        this.ended = false;
      }
      if (seq !== this.next) {
        out("LOST client", this.index, "rep", rep, "expected", this.next, "got", seq);
      }
      if (typeof payload !== "string" || payload.length !== size) {
        out("LOST client", this.index, "rep", rep, "seq", seq, "payload of", payload && payload.length);
      }
      this.next = seq + 1;
    });
    this.socket.on("end", (rep) => {
      if (rep === this.rep && this.next !== total) {
        out("LOST client", this.index, "rep", rep, "end after", this.next, "of", total);
      }
      this.ended = rep === this.rep && this.next === total;
    });
  }

  done(rep) {
    return this.stalled || (this.rep === rep && this.ended);
  }

  async join() {
    await this.socket.emitWithAck("join", "burst");
    if (this.stalled) {
      // stop reading: the server's writes pile up in the kernel buffers, then in the server's send buffer
      this.socket.io.engine.transport.ws._socket.pause();
    }
  }
}

async function main() {
  const receivers = [];
  for (let i = 0; i < clients; i++) {
    receivers.push(new Receiver(i));
  }
  await Promise.all(receivers.map((r) => new Promise((resolve) => r.socket.once("connect", resolve))));
  await Promise.all(receivers.map((r) => r.join()));
  out("joined", clients);
  const requester = receivers[0].socket;
  for (let rep = 0; rep < reps; rep++) {
    const disconnectsBefore = receivers.reduce((n, r) => n + r.disconnects, 0);
    const recoveredBefore = receivers.reduce((n, r) => n + r.recovered, 0);
    const start = Date.now();
    for (let from = 0; from < total; from += batch) {
      requester.emit("burst", { room: "burst", rep, from, count: Math.min(batch, total - from), size, total });
    }
    await new Promise((resolve) => {
      const check = setInterval(() => {
        if (receivers.every((r) => r.done(rep))) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    const disconnects = receivers.reduce((n, r) => n + r.disconnects, 0) - disconnectsBefore;
    const recovered = receivers.reduce((n, r) => n + r.recovered, 0) - recoveredBefore;
    out("rep", rep, "ok", Date.now() - start, "disconnects", disconnects, "recovered", recovered);
  }
  out("done");
  // the clients stay connected until standard input closes, so that the server sees no departure before the caller
  // has looked at it
  process.stdin.resume();
  if (process.stdin.readableEnded) {
    process.exit(0);
  }
  process.stdin.on("end", () => process.exit(0));
}

main().catch((e) => {
  out("ERROR", e && e.stack);
  process.exit(1);
});
