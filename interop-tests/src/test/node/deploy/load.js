// Official socket.io-client clients with connection state recovery, under a steady load, through a load balancer.
// Each joins room "r" and checks the "tick" broadcasts (one sequence number each) for gaps and repeats, and sends
// one acknowledged "echo" every <ackEveryMs> (retried by the client: the "retries" option). Prints "ready" once all
// have joined. On "report" (stdin) prints one line per client, "client <i> <json>", then "reported".
// Usage: node load.js <url> <count> <transports, e.g. websocket> <ackEveryMs>
const { io } = require("socket.io-client");
const t0 = Date.now();
const at = () => Date.now() - t0;
const readline = require("readline");

const [, , url, count, transports, ackEveryMs] = process.argv;

function client(i) {
  const state = { connects: 0, recovered: 0, notRecovered: 0, first: null, last: null, received: 0, missed: 0,
    repeated: 0, worstPauseMs: 0, acked: 0, ackFailed: 0, nodes: [], events: [] };
  let lastTickAt = 0;
  const socket = io(url, { transports: transports.split(","), forceNew: true, reconnectionDelay: 100,
    reconnectionDelayMax: 500, randomizationFactor: 0.5, retries: 5, ackTimeout: 3000 });
  let joined;
  const ready = new Promise((resolve) => (joined = resolve));
  socket.on("connect", async () => {
    state.connects++;
    state.events.push(at() + " connect " + socket.recovered);
    if (state.connects === 1) {
      await socket.emitWithAck("join", "r");
      joined();
    } else if (socket.recovered) {
      state.recovered++;
    } else {
      state.notRecovered++;
    }
    const who = await socket.emitWithAck("whoami");
    state.nodes.push(who.node);
  });
  socket.on("disconnect", (reason) => state.events.push(at() + " disconnect " + reason + " last " + state.last));
  socket.on("connect_error", (e) => state.events.push(at() + " connect_error " + e.message));
  socket.io.on("reconnect_attempt", (n) => state.events.push(at() + " attempt " + n));
  socket.on("tick", (seq) => {
    const now = Date.now();
    if (lastTickAt) state.worstPauseMs = Math.max(state.worstPauseMs, now - lastTickAt);
    lastTickAt = now;
    state.received++;
    if (state.connects > 1 && state.events[state.events.length - 1].indexOf("tick") < 0) {
      state.events.push(at() + " tick " + seq);
    }
    if (state.first === null) state.first = seq;
    else if (seq <= state.last) state.repeated++;
    else if (seq > state.last + 1) state.missed += seq - state.last - 1;
    if (state.last === null || seq > state.last) state.last = seq;
  });
  let n = 0;
  const timer = setInterval(() => {
    const sent = ++n;
    socket.emitWithAck("echo", sent).then((got) => (got === sent ? state.acked++ : state.ackFailed++),
      () => state.ackFailed++);
  }, Number(ackEveryMs));
  return { socket, state, ready, timer };
}

const clients = Array.from({ length: Number(count) }, (_, i) => client(i));
Promise.all(clients.map((c) => c.ready)).then(() => console.log("ready"));

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  if (line === "stop-acks") clients.forEach((c) => clearInterval(c.timer));
  if (line === "report") {
    clients.forEach((c, i) => console.log("client", i, JSON.stringify(c.state)));
    console.log("reported");
  }
  if (line === "exit") {
    clients.forEach((c) => c.socket.disconnect());
    process.exit(0);
  }
});
