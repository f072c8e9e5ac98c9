// Video help (docs/video-help.md): the kiosk's and the clerk's side of one call. Loaded by the kiosk's call page and
// the clerk's call page; everything else on those pages works without it (the page says so when script is off).
//
// Signalling goes over the node's WebSocket (/ws/video-help/{call}/kiosk or /clerk, authenticated by the page's
// cookies); media and the shared form go peer to peer (RTCPeerConnection, no STUN or TURN: the parties are on
// networks that reach each other, loopback in the tests). When both sides are connected the node says "ready" and
// the kiosk makes the offer, with a data channel "form" on which
//   kiosk -> clerk  {kind: "form", item, itemName, fields: [{name, tag, type, label, value, checked, options}]}
//   clerk -> kiosk  {kind: "fill", name, value}
// Each side also reports the form state to the node ({type: "form", state}), which keeps it in the call's record.
// No innerHTML anywhere: every node of the mirrored form is built with the DOM API from the received data.
(() => {
  'use strict';
  const root = document.getElementById('video-help');
  if (!root || !root.dataset.ws || root.dataset.state === 'ended') return;
  const side = root.dataset.side;  // "kiosk" or "clerk"
  const statusLine = document.getElementById('call-status');
  const say = (key) => {
    const text = root.dataset['msg' + key];
    if (text && statusLine) statusLine.textContent = text;
  };
  const wsUrl = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + root.dataset.ws;
  let ws = null;
  let pc = null;
  let channel = null;
  let localStream = null;
  let pendingCandidates = [];
  let ended = false;
  let reconnects = 0;
  let pingTimer = null;
  let signals = Promise.resolve();

  const send = (message) => {
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  };

  async function startMedia() {
    try {
      localStream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
      const local = document.getElementById('local-video');
      if (local) local.srcObject = localStream;
    } catch (error) {
      localStream = null;
      say('NoMedia');
    }
  }

  function closePeer() {
    if (channel) channel.close();
    if (pc) pc.close();
    channel = null;
    pc = null;
    pendingCandidates = [];
  }

  function newPeer() {
    closePeer();
    pc = new RTCPeerConnection({ iceServers: [] });
    if (localStream) for (const track of localStream.getTracks()) pc.addTrack(track, localStream);
    pc.onicecandidate = (event) => {
      if (event.candidate) send({ type: 'candidate', candidate: event.candidate.toJSON() });
    };
    pc.ontrack = (event) => {
      const remote = document.getElementById('remote-video');
      if (remote && event.streams[0] && remote.srcObject !== event.streams[0]) {
        remote.srcObject = event.streams[0];
        remote.play().catch(() => {});
      }
    };
    pc.onconnectionstatechange = () => {
      if (pc && pc.connectionState === 'connected') say('Connected');
    };
    if (side === 'kiosk') {
      wireChannel(pc.createDataChannel('form'));
    } else {
      pc.ondatachannel = (event) => wireChannel(event.channel);
    }
  }

  async function flushCandidates() {
    for (const candidate of pendingCandidates) await pc.addIceCandidate(candidate).catch(() => {});
    pendingCandidates = [];
  }

  async function onSignal(message) {
    switch (message.type) {
      case 'ready':
        say('Connecting');
        if (side === 'kiosk') {
          newPeer();
          const offer = await pc.createOffer();
          await pc.setLocalDescription(offer);
          send({ type: 'offer', sdp: offer.sdp });
        }
        break;
      case 'offer':
        if (side !== 'clerk') break;
        newPeer();
        await pc.setRemoteDescription({ type: 'offer', sdp: message.sdp });
        await flushCandidates();
        {
          const answer = await pc.createAnswer();
          await pc.setLocalDescription(answer);
          send({ type: 'answer', sdp: answer.sdp });
        }
        break;
      case 'answer':
        if (side !== 'kiosk' || !pc) break;
        await pc.setRemoteDescription({ type: 'answer', sdp: message.sdp });
        await flushCandidates();
        break;
      case 'candidate':
        if (!message.candidate) break;
        if (pc && pc.remoteDescription) await pc.addIceCandidate(message.candidate).catch(() => {});
        else pendingCandidates.push(message.candidate);
        break;
      case 'peer-left':
        say('PeerLeft');
        break;
      case 'ended':
        finish();
        break;
      default:
        break;
    }
  }

  function finish() {
    if (ended) return;
    ended = true;
    say('Ended');
    clearInterval(pingTimer);
    closePeer();
    if (localStream) for (const track of localStream.getTracks()) track.stop();
    if (ws) ws.close();
    // The page as the node now shows it: the kiosk's "back to the start", the clerk's session record.
    setTimeout(() => location.reload(), 1500);
  }

  function connect() {
    ws = new WebSocket(wsUrl);
    ws.onopen = () => {
      reconnects = 0;
      if (root.dataset.state === 'waiting' || side === 'clerk') say('Waiting');
    };
    ws.onmessage = (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch (error) {
        return;
      }
      // One message at a time, in the order they came: an offer is applied before the candidates that follow it.
      signals = signals.then(() => onSignal(message)).catch(() => {});
    };
    ws.onclose = () => {
      if (ended) return;
      if (reconnects++ < 5) setTimeout(connect, 2000);
      else say('PeerLeft');
    };
  }

  // ---- The shared form ----
  const sharedForm = side === 'kiosk' ? document.getElementById('shared-form') : null;
  const mirror = side === 'clerk' ? document.getElementById('mirror-form') : null;

  function labelOf(element) {
    if (element.labels && element.labels.length) return element.labels[0].textContent.trim();
    return element.getAttribute('aria-label') || element.name;
  }

  function describeForm() {
    if (!sharedForm) return null;
    const fields = [];
    for (const element of sharedForm.elements) {
      if (!element.name || element.type === 'hidden' || element.type === 'submit' || element.tagName === 'BUTTON')
        continue;
      const field = {
        name: element.name,
        tag: element.tagName.toLowerCase(),
        type: element.type || '',
        label: labelOf(element),
        value: element.value,
        checked: element.type === 'checkbox' ? element.checked : undefined,
      };
      if (element.tagName === 'SELECT')
        field.options = [...element.options].map((option) => ({ value: option.value, text: option.text }));
      fields.push(field);
    }
    return { kind: 'form', item: sharedForm.dataset.item, itemName: sharedForm.dataset.itemName, fields };
  }

  function valuesOf(description) {
    const values = {};
    for (const field of description.fields) values[field.name] = field.type === 'checkbox' ? field.checked : field.value;
    return values;
  }

  function shareForm() {
    const description = describeForm();
    if (!description) return;
    if (channel && channel.readyState === 'open') channel.send(JSON.stringify(description));
    send({ type: 'form', state: { item: description.item, values: valuesOf(description) } });
  }

  function applyFill(name, value) {
    if (!sharedForm || typeof name !== 'string') return;
    const element = [...sharedForm.elements].find((candidate) => candidate.name === name);
    if (!element) return;
    if (element.type === 'checkbox') element.checked = value === true || value === 'true';
    else element.value = String(value);
    shareForm();
  }

  let mirroredItem = null;
  function renderMirror(description) {
    if (!mirror) return;
    if (mirroredItem !== description.item + '|' + description.fields.map((f) => f.name).join(',')) {
      mirroredItem = description.item + '|' + description.fields.map((f) => f.name).join(',');
      mirror.replaceChildren();
      const heading = document.createElement('h3');
      heading.textContent = description.itemName || description.item || '';
      mirror.append(heading);
      description.fields.forEach((field, index) => {
        const wrapper = document.createElement('div');
        wrapper.className = 'field';
        const id = 'mirror-' + index;
        const label = document.createElement('label');
        label.className = 'label';
        label.htmlFor = id;
        label.textContent = field.label;
        let input;
        if (field.tag === 'select') {
          input = document.createElement('select');
          input.className = 'select';
          for (const choice of field.options || []) {
            const option = document.createElement('option');
            option.value = choice.value;
            option.textContent = choice.text;
            input.append(option);
          }
        } else if (field.tag === 'textarea') {
          input = document.createElement('textarea');
          input.className = 'textarea';
        } else {
          input = document.createElement('input');
          input.className = 'input';
          input.type = field.type === 'checkbox' ? 'checkbox' : 'text';
        }
        input.id = id;
        input.dataset.name = field.name;
        const report = () => {
          const value = input.type === 'checkbox' ? input.checked : input.value;
          if (channel && channel.readyState === 'open')
            channel.send(JSON.stringify({ kind: 'fill', name: field.name, value }));
          send({ type: 'form', state: { fill: { name: field.name, value } } });
        };
        input.addEventListener('input', report);
        input.addEventListener('change', report);
        wrapper.append(label, input);
        mirror.append(wrapper);
      });
    }
    for (const input of mirror.querySelectorAll('[data-name]')) {
      const field = description.fields.find((candidate) => candidate.name === input.dataset.name);
      if (!field || input === document.activeElement) continue;  // never overwrite what the clerk is typing
      if (input.type === 'checkbox') input.checked = !!field.checked;
      else input.value = field.value;
    }
  }

  function wireChannel(dataChannel) {
    channel = dataChannel;
    channel.onopen = () => {
      if (side === 'kiosk') shareForm();
    };
    channel.onmessage = (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch (error) {
        return;
      }
      if (side === 'clerk' && message.kind === 'form' && Array.isArray(message.fields)) renderMirror(message);
      if (side === 'kiosk' && message.kind === 'fill') applyFill(message.name, message.value);
    };
  }

  if (sharedForm) {
    sharedForm.addEventListener('input', shareForm);
    sharedForm.addEventListener('change', shareForm);
    sharedForm.addEventListener('submit', (event) => event.preventDefault());
  }
  // "Hang up" / "End the call" also tell the node over the socket, so the other side hears at once.
  for (const id of ['hang-up', 'end-call']) {
    const button = document.getElementById(id);
    if (button) button.addEventListener('click', () => send({ type: 'bye' }));
  }
  // The kiosk keeps its visit alive while the call lasts (the node extends it on each ping).
  if (side === 'kiosk') pingTimer = setInterval(() => send({ type: 'ping' }), 10000);

  startMedia().then(connect);
})();
