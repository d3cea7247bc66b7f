// A second load generator for the echo scenario, independent of the Java one (dev.sio4j.bench.loadgen): Node's
// event loop and the ws library instead of Netty's codec, so that a figure that depends on how the load is made
// shows as a difference between the two. Speaks Engine.IO 4 / Socket.IO 5 over WebSocket with ready-made text
// frames, as the Java generator does: no JSON is parsed, an acknowledgement is recognised by its prefix "43".
//
// node echo-client.js <port> <clients> <acks per client> <payload characters> <warm-up acks per client>
//
// Every client connects (Engine.IO open, Socket.IO CONNECT), then each sends "echo" with an ack id and waits for
// the ack before the next (one outstanding, as the matrix's echo). The warm-up runs first, unrecorded; then the line
// "measuring" is printed, the measured run follows, and the result is printed as one line:
// "result acks=<n> seconds=<s> p50_ms=<ms> p99_ms=<ms>". Pings ("2") are answered ("3").
"use strict";
const WebSocket = require("ws");

const [port, clients, acks, payloadSize, warmup] = process.argv.slice(2).map(Number);
const url = "ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket";
const payload = "x".repeat(payloadSize);

function connect() {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const client = { ws, onAck: null };
    ws.on("message", (data) => {
      const text = data.toString();
      if (text.startsWith("43")) {
        client.onAck();
      } else if (text === "2") {
        ws.send("3");
      } else if (text.startsWith("0")) {
        ws.send("40");
      } else if (text.startsWith("40")) {
        resolve(client);
      }
    });
    ws.on("error", reject);
    ws.on("close", () => reject(new Error("closed before connecting")));
  });
}

// Each client sends its events one after the other, each after the previous ack; resolves with the latencies.
function run(all, perClient) {
  const latencies = [];
  return Promise.all(all.map((client) => new Promise((resolve) => {
    let id = 0;
    let sentAt = 0;
    const send = () => {
      sentAt = process.hrtime.bigint();
      client.ws.send("42" + id + '["echo","' + payload + '"]');
    };
    client.onAck = () => {
      latencies.push(Number(process.hrtime.bigint() - sentAt) / 1e6);
      if (++id === perClient) {
        resolve();
      } else {
        send();
      }
    };
    send();
  }))).then(() => latencies);
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

(async () => {
  const all = [];
  for (let i = 0; i < clients; i++) {
    all.push(await connect());
  }
  if (warmup > 0) {
    await run(all, warmup);
  }
  console.log("measuring");
  const t0 = process.hrtime.bigint();
  const latencies = await run(all, acks);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  latencies.sort((a, b) => a - b);
  console.log("result acks=" + latencies.length + " seconds=" + seconds + " p50_ms=" + percentile(latencies, 0.5)
    + " p99_ms=" + percentile(latencies, 0.99));
  all.forEach((c) => c.ws.terminate());
  process.exit(0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
