// The chat page: plain JavaScript over the official browser client (window.io, served by sio4j at
// /socket.io/socket.io.js). Every emit is acknowledged; with `retries` the client queues emits while disconnected
// and sends them once reconnected, and the server drops duplicates by message id, so each message arrives once.
(() => {
  "use strict";

  const $ = (selector) => document.querySelector(selector);
  const MAX_IMAGE_BYTES = 700 * 1024; // below the server's 1 MB maxHttpBufferSize, with room for the packet
  const TYPING_IDLE_MS = 2000;

  const state = {
    name: null,
    socket: null,
    everConnected: false,
    current: null,
    /** room -> { list: <ol>, members: [], typers: Map(name -> timer), unread: number } */
    joined: new Map(),
    directory: [],
    typing: false,
    typingTimer: null,
  };
  window.chat = state; // handy in the console

  // ---- identity ---------------------------------------------------------------------------------------------------

  function uid() {
    if (window.crypto && crypto.randomUUID) {
      return crypto.randomUUID();
    }
    return Date.now().toString(36) + Math.random().toString(36).slice(2, 12);
  }

  function initials(name) {
    return name.slice(0, 2).toUpperCase();
  }

  function hue(name) {
    let h = 0;
    for (const c of name) {
      h = (h * 31 + c.codePointAt(0)) % 360;
    }
    return h;
  }

  function time(ts) {
    return new Date(ts).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  // ---- connection -------------------------------------------------------------------------------------------------

  $("#login-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const name = $("#name").value.trim();
    if (!name) {
      return;
    }
    $("#login-button").disabled = true;
    $("#login-error").hidden = true;
    connect(name);
  });

  function connect(name) {
    state.name = name;
    const socket = io({
      // Called on every (re)connection: the server puts the socket back in its rooms before any queued emit runs.
      auth: (cb) => cb({ name: state.name, rooms: [...state.joined.keys()] }),
      retries: 5,
      ackTimeout: 8000,
      reconnectionDelay: 500,
      reconnectionDelayMax: 2000,
    });
    state.socket = socket;

    socket.on("connect", onConnect);
    socket.on("disconnect", (reason) => {
      setStatus("offline");
      showBanner("Connection lost. Reconnecting…");
      document.querySelectorAll(".msg.mine.sending").forEach((li) => setDelivery(li, "queued"));
      if (reason === "io server disconnect") {
        socket.connect(); // the server let us go on purpose; come back anyway
      }
    });
    socket.on("connect_error", (err) => {
      if (!state.everConnected) {
        socket.disconnect();
        state.socket = null;
        $("#login-button").disabled = false;
        $("#login-error").textContent = err.message;
        $("#login-error").hidden = false;
      }
    });
    socket.io.on("reconnect_attempt", (attempt) => showBanner(`Connection lost. Reconnecting… (attempt ${attempt})`));
    socket.io.on("open", () => {
      showTransport();
      socket.io.engine.on("upgrade", showTransport);
    });

    socket.on("directory", (data) => {
      state.directory = data.rooms;
      renderRooms();
    });
    socket.on("joined", applyJoined);
    socket.on("presence", (data) => {
      const room = state.joined.get(data.room);
      // lists of one room come from the handlers of different sockets, in any order: the newest change wins
      if (room && data.version > room.version) {
        room.members = data.members;
        room.version = data.version;
        if (data.room === state.current) {
          renderMembers();
        }
      }
    });
    socket.on("message", (msg) => addMessage(msg));
    socket.on("image", (meta, bytes) => addImage(meta, new Blob([bytes], { type: meta.mime })));
    socket.on("notice", (data) => addNotice(data.room, data.text, data.ts));
    socket.on("typing", (data) => onTyping(data));
  }

  function onConnect() {
    // a restarted server numbers its changes afresh: its lists are newer than anything kept from before
    for (const room of state.joined.values()) {
      room.version = -1;
    }
    setStatus("online");
    hideBanner();
    showTransport();
    document.querySelectorAll(".msg.mine.queued").forEach((li) => setDelivery(li, "sending"));
    if (!state.everConnected) {
      state.everConnected = true;
      $("#login").hidden = true;
      $("#app").hidden = false;
      $("#me-name").textContent = state.name;
      $("#me-avatar").textContent = initials(state.name);
      $("#me-avatar").style.background = `hsl(${hue(state.name)} 60% 45%)`;
      join(decodeURIComponent(location.hash.slice(1)) || "general");
      $("#message-input").focus();
    }
  }

  function showTransport() {
    const engine = state.socket && state.socket.io.engine;
    $("#transport").textContent = engine && engine.transport ? engine.transport.name : "–";
  }

  function setStatus(status) {
    $("#status").textContent = status;
    $("#status-dot").className = "dot " + status;
  }

  function showBanner(text) {
    $("#banner-text").textContent = text;
    $("#banner").hidden = false;
  }

  function hideBanner() {
    $("#banner").hidden = true;
  }

  // ---- rooms ------------------------------------------------------------------------------------------------------

  function join(room) {
    room = room.trim().toLowerCase();
    if (!room) {
      return;
    }
    if (state.joined.has(room)) {
      select(room);
      return;
    }
    state.socket.emit("join", room, (err, res) => {
      if (err || res.error) {
        toast(err ? err.message : res.error);
        return;
      }
      applyJoined(res);
      select(res.room);
    });
  }

  function leave(room) {
    state.socket.emit("leave", room, (err) => {
      if (err) {
        toast(err.message);
        return;
      }
      const entry = state.joined.get(room);
      if (entry) {
        entry.list.remove();
        state.joined.delete(room);
      }
      const next = state.joined.keys().next();
      select(next.done ? null : next.value);
    });
  }

  /** Server's answer to a join, or its push after a reconnection: merge history (by id), members. */
  function applyJoined(data) {
    let room = state.joined.get(data.room);
    if (!room) {
      const list = document.createElement("ol");
      list.className = "room-messages";
      list.dataset.room = data.room;
      list.hidden = true;
      $("#messages").appendChild(list);
      room = { list, members: [], version: -1, typers: new Map(), unread: 0 };
      state.joined.set(data.room, room);
    }
    if (data.version > room.version) {
      room.members = data.members;
      room.version = data.version;
    }
    for (const msg of data.history) {
      addMessage(msg, true);
    }
    if (data.room === state.current) {
      renderMembers();
    }
    renderRooms();
  }

  function select(room) {
    state.current = room;
    for (const [name, entry] of state.joined) {
      entry.list.hidden = name !== room;
      if (name === room) {
        entry.unread = 0;
      }
    }
    $("#room-title").textContent = room ? "# " + room : "No room";
    $("#leave-button").hidden = !room;
    $("#composer").classList.toggle("disabled", !room);
    if (room) {
      history.replaceState(null, "", "#" + encodeURIComponent(room));
    }
    renderRooms();
    renderMembers();
    renderTyping();
    scrollDown(true);
  }

  function renderRooms() {
    const ul = $("#rooms");
    ul.textContent = "";
    const names = new Set([...state.joined.keys()]);
    const counts = new Map(state.directory.map((r) => [r.name, r.members]));
    for (const r of state.directory) {
      names.add(r.name);
    }
    for (const name of names) {
      const li = document.createElement("li");
      li.className = "room" + (name === state.current ? " active" : "") + (state.joined.has(name) ? " joined" : "");
      li.dataset.room = name;
      const label = document.createElement("span");
      label.textContent = "# " + name;
      li.appendChild(label);
      const entry = state.joined.get(name);
      if (entry && entry.unread) {
        const badge = document.createElement("span");
        badge.className = "badge";
        badge.textContent = entry.unread;
        li.appendChild(badge);
      }
      const count = document.createElement("span");
      count.className = "count muted small";
      count.textContent = counts.has(name) ? counts.get(name) : "";
      li.appendChild(count);
      li.addEventListener("click", () => join(name));
      ul.appendChild(li);
    }
  }

  function renderMembers() {
    const ul = $("#members");
    ul.textContent = "";
    const entry = state.joined.get(state.current);
    if (!entry) {
      return;
    }
    for (const name of entry.members) {
      const li = document.createElement("li");
      li.className = "member";
      const avatar = document.createElement("span");
      avatar.className = "avatar small";
      avatar.textContent = initials(name);
      avatar.style.background = `hsl(${hue(name)} 60% 45%)`;
      li.appendChild(avatar);
      li.appendChild(document.createTextNode(name + (name === state.name ? " (you)" : "")));
      ul.appendChild(li);
    }
  }

  $("#join-form").addEventListener("submit", (e) => {
    e.preventDefault();
    join($("#room-input").value);
    $("#room-input").value = "";
  });
  $("#leave-button").addEventListener("click", () => state.current && leave(state.current));

  // ---- messages ---------------------------------------------------------------------------------------------------

  function messageItem(msg, mine) {
    const li = document.createElement("li");
    li.className = "msg" + (mine ? " mine" : "");
    li.dataset.id = msg.id;
    if (msg.ts) {
      li.dataset.ts = msg.ts;
    }
    const avatar = document.createElement("span");
    avatar.className = "avatar small";
    avatar.textContent = initials(msg.from);
    avatar.style.background = `hsl(${hue(msg.from)} 60% 45%)`;
    const bubble = document.createElement("div");
    bubble.className = "bubble";
    const head = document.createElement("div");
    head.className = "meta";
    const from = document.createElement("span");
    from.className = "from";
    from.textContent = msg.from;
    const when = document.createElement("time");
    when.textContent = time(msg.ts || Date.now());
    head.append(from, when);
    if (mine) {
      const status = document.createElement("span");
      status.className = "delivery";
      head.appendChild(status);
    }
    bubble.appendChild(head);
    li.append(avatar, bubble);
    return li;
  }

  function setDelivery(li, status, detail) {
    li.classList.remove("queued", "sending", "delivered", "failed");
    li.classList.add(status);
    const el = li.querySelector(".delivery");
    if (el) {
      el.textContent = { queued: "queued", sending: "sending…", delivered: "delivered ✓", failed: "failed ✕" }[status];
      el.title = detail || "";
    }
  }

  /** Inserts by server timestamp; own messages still waiting for their ack stay last. */
  function insert(room, li) {
    const list = room.list;
    const ts = Number(li.dataset.ts || Infinity);
    let before = null;
    for (let node = list.lastElementChild; node; node = node.previousElementSibling) {
      const other = Number(node.dataset.ts || Infinity);
      if (other <= ts) {
        break;
      }
      before = node;
    }
    list.insertBefore(li, before);
  }

  function existing(room, id) {
    return room.list.querySelector(`[data-id="${CSS.escape(id)}"]`);
  }

  function addMessage(msg, fromHistory) {
    const room = state.joined.get(msg.room);
    if (!room) {
      return;
    }
    const found = existing(room, msg.id);
    if (found) {
      if (found.classList.contains("mine") && !found.classList.contains("delivered")) {
        setDelivery(found, "delivered"); // the server has it (we learnt it from history after a reconnection)
      }
      return;
    }
    const mine = msg.from === state.name;
    const li = messageItem(msg, mine);
    const text = document.createElement("div");
    text.className = "text";
    text.textContent = msg.text;
    li.querySelector(".bubble").appendChild(text);
    if (mine) {
      setDelivery(li, "delivered");
    }
    insert(room, li);
    arrived(msg.room, fromHistory);
  }

  function addImage(meta, blob) {
    const room = state.joined.get(meta.room);
    if (!room || existing(room, meta.id)) {
      return;
    }
    const li = messageItem(meta, meta.from === state.name);
    li.classList.add("image");
    li.querySelector(".bubble").appendChild(imageElement(blob, meta.name));
    insert(room, li);
    arrived(meta.room, false);
  }

  function imageElement(blob, name) {
    const img = document.createElement("img");
    img.className = "picture";
    img.alt = name || "image";
    img.src = URL.createObjectURL(blob);
    img.addEventListener("load", () => scrollDown(false));
    return img;
  }

  function addNotice(roomName, text, ts) {
    const room = state.joined.get(roomName);
    if (!room) {
      return;
    }
    const li = document.createElement("li");
    li.className = "notice";
    li.dataset.ts = ts;
    li.textContent = text;
    insert(room, li);
    arrived(roomName, true);
  }

  function arrived(roomName, quiet) {
    const room = state.joined.get(roomName);
    if (roomName === state.current) {
      scrollDown(false);
    } else if (!quiet && room) {
      room.unread++;
      renderRooms();
    }
  }

  function scrollDown(force) {
    const box = $("#messages");
    if (force || box.scrollHeight - box.scrollTop - box.clientHeight < 160) {
      box.scrollTop = box.scrollHeight;
    }
  }

  function sendText(text) {
    const roomName = state.current;
    const room = state.joined.get(roomName);
    const id = uid();
    const li = messageItem({ id, from: state.name }, true);
    const body = document.createElement("div");
    body.className = "text";
    body.textContent = text;
    li.querySelector(".bubble").appendChild(body);
    setDelivery(li, state.socket.connected ? "sending" : "queued");
    insert(room, li);
    scrollDown(true);
    state.socket.emit("message", { room: roomName, id, text }, (err, res) => {
      if (err || res.error) {
        setDelivery(li, "failed", err ? err.message : res.error);
        return;
      }
      li.dataset.ts = res.ts;
      setDelivery(li, "delivered");
    });
  }

  $("#composer").addEventListener("submit", (e) => {
    e.preventDefault();
    const input = $("#message-input");
    const text = input.value.trim();
    if (!text || !state.current) {
      return;
    }
    input.value = "";
    stopTyping();
    sendText(text);
  });

  // ---- images (binary payloads) -----------------------------------------------------------------------------------

  $("#image-input").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    e.target.value = "";
    if (!file || !state.current) {
      return;
    }
    try {
      const blob = file.size <= MAX_IMAGE_BYTES ? file : await shrink(file);
      if (blob.size > MAX_IMAGE_BYTES) {
        toast("That image is too large, even scaled down.");
        return;
      }
      sendImage(blob, file.name);
    } catch (err) {
      toast("Could not read that image: " + err.message);
    }
  });

  /** Scales a large picture down to at most 1280 px as JPEG, so that it fits one packet. */
  async function shrink(file) {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, 1280 / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    return new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.82));
  }

  async function sendImage(blob, name) {
    const roomName = state.current;
    const room = state.joined.get(roomName);
    const id = uid();
    const li = messageItem({ id, from: state.name }, true);
    li.classList.add("image");
    li.querySelector(".bubble").appendChild(imageElement(blob, name));
    setDelivery(li, state.socket.connected ? "sending" : "queued");
    insert(room, li);
    const bytes = await blob.arrayBuffer();
    const meta = { room: roomName, id, mime: blob.type || "application/octet-stream", name };
    state.socket.emit("image", meta, bytes, (err, res) => {
      if (err || res.error) {
        setDelivery(li, "failed", err ? err.message : res.error);
        return;
      }
      li.dataset.ts = res.ts;
      setDelivery(li, "delivered");
    });
  }

  // ---- typing -----------------------------------------------------------------------------------------------------

  $("#message-input").addEventListener("input", () => {
    if (!state.current || !state.socket) {
      return;
    }
    if (!state.typing) {
      state.typing = true;
      state.socket.volatile.emit("typing", { room: state.current, typing: true });
    }
    clearTimeout(state.typingTimer);
    state.typingTimer = setTimeout(stopTyping, TYPING_IDLE_MS);
  });

  function stopTyping() {
    clearTimeout(state.typingTimer);
    if (state.typing && state.socket && state.current) {
      state.socket.volatile.emit("typing", { room: state.current, typing: false });
    }
    state.typing = false;
  }

  function onTyping(data) {
    const room = state.joined.get(data.room);
    if (!room) {
      return;
    }
    clearTimeout(room.typers.get(data.name));
    if (data.typing) {
      // Forget a typer whose "stopped" notice was lost (typing is volatile).
      room.typers.set(data.name, setTimeout(() => {
        room.typers.delete(data.name);
        renderTyping();
      }, 5000));
    } else {
      room.typers.delete(data.name);
    }
    renderTyping();
  }

  function renderTyping() {
    const room = state.joined.get(state.current);
    const names = room ? [...room.typers.keys()] : [];
    $("#typing").textContent = names.length === 0 ? ""
      : names.length === 1 ? `${names[0]} is typing…`
      : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]} are typing…`;
  }

  // ---- toasts -----------------------------------------------------------------------------------------------------

  function toast(text) {
    const el = document.createElement("div");
    el.className = "toast";
    el.textContent = text;
    document.body.appendChild(el);
    setTimeout(() => el.remove(), 4000);
  }
})();
