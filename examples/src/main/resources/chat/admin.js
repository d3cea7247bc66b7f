// The admin dashboard: connects to the /admin namespace with a token; the server's middleware refuses a wrong one
// (the refusal reaches us as connect_error), then pushes live stats every second.
(() => {
  "use strict";

  const $ = (selector) => document.querySelector(selector);
  const rates = [];
  let socket = null;

  const fromUrl = new URLSearchParams(location.search).get("token");
  if (fromUrl) {
    $("#token").value = fromUrl;
    history.replaceState(null, "", location.pathname); // keep the token out of the address bar
    connect(fromUrl);
  }

  $("#token-form").addEventListener("submit", (e) => {
    e.preventDefault();
    connect($("#token").value);
  });

  function connect(token) {
    if (socket) {
      socket.disconnect();
    }
    $("#admin-error").hidden = true;
    socket = io("/admin", { auth: { token }, reconnectionDelay: 500, reconnectionDelayMax: 2000 });
    socket.on("connect", () => {
      $("#token-form").hidden = true;
      $("#dashboard").hidden = false;
    });
    socket.on("connect_error", (err) => {
      // A refusal by the middleware is final; anything else is retried by the client.
      if (!socket.active) {
        $("#admin-error").textContent = "Refused: " + err.message;
        $("#admin-error").hidden = false;
        $("#token-form").hidden = false;
        $("#dashboard").hidden = true;
      }
    });
    socket.on("stats", render);
  }

  function render(stats) {
    $("#stat-connections").textContent = stats.connections;
    $("#stat-rooms").textContent = stats.rooms.length;
    $("#stat-rate").textContent = stats.messagesPerSecond.toFixed(1);
    $("#stat-total").textContent = stats.totalMessages;
    $("#updated").textContent = new Date(stats.ts).toLocaleTimeString();
    $("#uptime").textContent = duration(stats.uptimeSeconds);

    const rows = $("#room-rows");
    rows.textContent = "";
    for (const room of stats.rooms) {
      const tr = document.createElement("tr");
      tr.dataset.room = room.name;
      for (const value of ["# " + room.name, room.members, room.history]) {
        const td = document.createElement("td");
        td.textContent = value;
        tr.appendChild(td);
      }
      rows.appendChild(tr);
    }

    rates.push(stats.messagesPerSecond);
    if (rates.length > 60) {
      rates.shift();
    }
    spark();
  }

  function spark() {
    const svg = $("#spark");
    const max = Math.max(1, ...rates);
    const width = 600 / 60;
    svg.textContent = "";
    rates.forEach((rate, i) => {
      const h = Math.max(1, (rate / max) * 76);
      const bar = document.createElementNS("http://www.w3.org/2000/svg", "rect");
      bar.setAttribute("x", String(i * width + 1));
      bar.setAttribute("y", String(80 - h));
      bar.setAttribute("width", String(width - 2));
      bar.setAttribute("height", String(h));
      bar.setAttribute("rx", "2");
      svg.appendChild(bar);
    });
  }

  function duration(seconds) {
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = Math.floor(seconds % 60);
    return (h ? h + "h " : "") + (h || m ? m + "m " : "") + s + "s";
  }
})();
