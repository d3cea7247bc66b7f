// Official socket.io-client clients with connection state recovery, under a steady load, through a load balancer.
// Each joins room "r" and checks the "tick" broadcasts (one sequence number each) for gaps and repeats, and sends
// one acknowledged "echo" every <ackEveryMs> (retried by the client: the "retries" option). Each tick carries the
// time it was sent: a client also keeps its worst lag (arrival minus sending), and per reconnection the time from its
// disconnection to its connection (reconnectMs) and to its first tick after it (resumeMs). Prints "ready" once all
// have joined. On "report" (stdin) prints one line per client, "client <i> <json>", then one line about this process,
// "process <json>" (its CPU time and its event loop's delays: a starved process makes its clients late by itself),
// then "reported". A test runs several of these processes for many clients, <firstIndex> numbering their clients.
// Usage: node load.js <url> <count> <transports, e.g. websocket> <ackEveryMs> [<firstIndex>]
const { io } = require("socket.io-client");
const t0 = Date.now();
const at = () => Date.now() - t0;
const readline = require("readline");
// samples every 10 ms and records the whole interval: its delay is what exceeds the 10 ms
const LOOP_RESOLUTION_MS = 10;
const loopDelay = require("perf_hooks").monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
loopDelay.enable();

const [, , url, count, transports, ackEveryMs, firstIndex = "0"] = process.argv;

function client(i) {
  const state = { connects: 0, recovered: 0, notRecovered: 0, first: null, last: null, received: 0, missed: 0,
    repeated: 0, worstPauseMs: 0, worstLagMs: 0, reconnectMs: [], resumeMs: [], acked: 0, ackFailed: 0, nodes: [],
    events: [] };
  let lastTickAt = 0;
  let disconnectedAt = 0;
  let resuming = false;
  const socket = io(url, { transports: transports.split(","), forceNew: true, reconnectionDelay: 100,
    reconnectionDelayMax: 500, randomizationFactor: 0.5, retries: 5, ackTimeout: 3000 });
  let joined;
  const ready = new Promise((resolve) => (joined = resolve));
  socket.on("connect", async () => {
    state.connects++;
    state.events.push(at() + " connect " + socket.recovered);
    if (disconnectedAt) state.reconnectMs.push(Date.now() - disconnectedAt);
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
  socket.on("disconnect", (reason) => {
    disconnectedAt = Date.now();
    resuming = true;
    state.events.push(at() + " disconnect " + reason + " last " + state.last);
  });
  socket.on("connect_error", (e) => state.events.push(at() + " connect_error " + e.message));
  socket.io.on("reconnect_attempt", (n) => state.events.push(at() + " attempt " + n));
  socket.on("tick", (seq, sentAt) => {
    const now = Date.now();
    if (sentAt) state.worstLagMs = Math.max(state.worstLagMs, now - sentAt);
    if (resuming && socket.connected) {
      resuming = false;
      state.resumeMs.push(now - disconnectedAt);
    }
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
    clients.forEach((c, i) => console.log("client", Number(firstIndex) + i, JSON.stringify(c.state)));
    loopDelay.disable();
    const cpu = process.cpuUsage();
    const delayMs = (ns) => Math.max(0, Math.round(ns / 1e6 - LOOP_RESOLUTION_MS));
    console.log("process", JSON.stringify({ cpuMs: Math.round((cpu.user + cpu.system) / 1000), wallMs: at(),
      loopDelayMeanMs: delayMs(loopDelay.mean), loopDelayP99Ms: delayMs(loopDelay.percentile(99)),
      loopDelayMaxMs: delayMs(loopDelay.max) }));
    console.log("reported");
  }
  if (line === "exit") {
    clients.forEach((c) => c.socket.disconnect());
    process.exit(0);
  }
});
