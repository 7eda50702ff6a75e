// The labelling page. The server holds the truth: every key press becomes one request, processed in order, and the page
// re-renders from the state the server returns (and polls it, so a second tab's answers show up here too).
"use strict";
const token = new URLSearchParams(location.search).get("token") || "";
const tab = Math.random().toString(36).slice(2, 8);
let state = null;
let current = 0;
let chain = Promise.resolve();

const $ = (id) => document.getElementById(id);
const pct = (p) => (p * 100).toFixed(1) + "%";

// Keys for classes: 1-9, 0, then letters (x is "cannot tell").
function keyOf(i) {
  if (i < 9) return String(i + 1);
  if (i === 9) return "0";
  const letters = "abcdefghijklmnopqrstuvwyz";
  return i - 10 < letters.length ? letters[i - 10] : null;
}

async function call(path, body) {
  const response = await fetch(path, {
    method: body === undefined ? "GET" : "POST",
    headers: { "X-Workbench-Token": token, "X-Workbench-Tab": tab, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({ error: "the server sent no JSON (" + response.status + ")" }));
  if (!response.ok) throw new Error(data.error || ("request failed: " + response.status));
  return data;
}

function show(message) {
  const box = $("message");
  box.textContent = message;
  box.hidden = false;
  clearTimeout(show.timer);
  show.timer = setTimeout(() => (box.hidden = true), 4000);
}

function nextUnanswered(from) {
  const n = state.items.length;
  for (let k = 1; k <= n; k++) {
    const i = (from + k) % n;
    if (!state.items[i].answer) return i;
  }
  return from;
}

function exampleClass(item) {
  if (item.answer && item.answer.label !== null) return item.answer.label;
  if (item.proposed !== null) return item.proposed;
  return item.top.length ? item.top[0].label : 0;
}

function render() {
  if (!state) return;
  const item = state.items[current];
  const name = (c) => state.classes[c];
  $("round").textContent = state.round;
  $("counts").textContent = `${state.answered} / ${state.total} answered`;
  $("bar-fill").style.width = state.total ? (100 * state.answered / state.total) + "%" : "100%";
  $("item-title").textContent = `Item ${item.queueId + 1} of ${state.total} · ` +
    (item.kind === "query" ? "active-learning query" : "CST proposal");
  const src = `/api/image/${item.queueId}?token=${encodeURIComponent(token)}`;
  if ($("image").getAttribute("src") !== src) $("image").setAttribute("src", src);
  $("top").replaceChildren(...item.top.map((t) => {
    const li = document.createElement("li");
    li.innerHTML = `<span></span><div class="p"></div><span></span>`;
    li.children[0].textContent = name(t.label);
    li.children[1].style.width = pct(t.probability);
    li.children[2].textContent = pct(t.probability);
    return li;
  }));

  const ask = $("ask");
  ask.classList.toggle("answered", !!item.answer);
  if (item.answer) {
    const a = item.answer;
    ask.textContent = a.kind === "cannot-tell" ? "Your answer: cannot tell (dropped this round)"
      : a.kind === "confirm" ? `Your answer: ${name(a.label)} (confirmed)`
      : a.kind === "correct" ? `Your answer: ${name(a.label)} (corrected)` : `Your answer: ${name(a.label)}`;
  } else if (item.kind === "proposal") {
    ask.innerHTML = `The model says <b></b>. <kbd>Enter</kbd> confirms, a class key corrects, <kbd>X</kbd> = cannot tell.`;
    ask.querySelector("b").textContent = name(item.proposed);
  } else {
    ask.textContent = "Which class is this? The model is unsure. Press its key (X = cannot tell).";
  }

  $("classes").replaceChildren(...state.classes.map((c, i) => {
    const li = document.createElement("li");
    const button = document.createElement("button");
    const key = keyOf(i);
    button.innerHTML = key ? `<kbd>${key}</kbd>` : "";
    button.append(c);
    button.className = (item.proposed === i ? "proposed " : "") + (item.answer && item.answer.label === i ? "chosen" : "");
    button.addEventListener("click", () => enqueue(() => answer(c)));
    li.append(button);
    return li;
  }));

  const shown = exampleClass(item);
  $("examples-title").textContent = `Labelled examples of ${name(shown)}`;
  const count = state.examples[shown] || 0;
  $("examples").replaceChildren(...Array.from({ length: count }, (_, k) => {
    const img = document.createElement("img");
    img.src = `/api/example/${shown}/${k}?token=${encodeURIComponent(token)}`;
    img.alt = `labelled ${name(shown)}`;
    return img;
  }));
  $("per-class").replaceChildren(...state.classes.map((c, i) => {
    const li = document.createElement("li");
    li.textContent = `${c}: ${state.perClass[i]}`;
    return li;
  }), Object.assign(document.createElement("li"), { textContent: `cannot tell: ${state.cannotTell}` }));

  $("strip").replaceChildren(...state.items.map((it, i) => {
    const b = document.createElement("button");
    b.textContent = i + 1;
    b.title = it.answer ? (it.answer.label === null ? "cannot tell" : name(it.answer.label)) : "not answered";
    b.className = (it.answer ? (it.answer.label === null ? "dropped" : "done") : "") + (i === current ? " current" : "");
    b.addEventListener("click", () => { current = i; render(); });
    return b;
  }));
  $("complete").hidden = !state.complete;
  $("complete-count").textContent = state.total;
  $("continue").textContent = state.continueCommand;
  document.body.dataset.answered = String(state.answered);
  document.body.dataset.current = String(current);
}

async function answer(text) {
  const item = state.items[current];
  const reply = await call("/api/answer", { queueId: item.queueId, answer: text });
  state = reply.state;
  current = nextUnanswered(current);
  render();
}

// Takes back the most recent answer in force (named by item and journal number, so a repeated request undoes nothing
// more) and shows that item again.
async function undo() {
  if (!state.latest) return show("nothing to undo");
  const target = state.latest.queueId;
  const reply = await call("/api/undo", state.latest);
  state = reply.state;
  current = target;
  render();
}

function enqueue(step) {
  chain = chain.then(step).catch((e) => show(e.message));
  return chain;
}

document.addEventListener("keydown", (event) => {
  if (!state || event.ctrlKey || event.metaKey || event.altKey) return;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  const index = state.classes.findIndex((_, i) => keyOf(i) === key);
  if (index >= 0) { event.preventDefault(); enqueue(() => answer(state.classes[index])); return; }
  switch (key) {
    case "Enter":
      event.preventDefault();
      enqueue(() => state.items[current].kind === "proposal" ? answer("confirm") : show("a query needs its class: press the class key"));
      break;
    case "x":
      event.preventDefault();
      enqueue(() => answer("cannot-tell"));
      break;
    case "Backspace":
      event.preventDefault();
      enqueue(undo);
      break;
    case "ArrowRight": case "ArrowDown":
      event.preventDefault();
      enqueue(() => { current = Math.min(state.items.length - 1, current + 1); render(); });
      break;
    case "ArrowLeft": case "ArrowUp":
      event.preventDefault();
      enqueue(() => { current = Math.max(0, current - 1); render(); });
      break;
  }
});

async function refresh(first) {
  try {
    state = await call("/api/state");
    if (first) current = state.items.findIndex((i) => !i.answer) >= 0 ? state.items.findIndex((i) => !i.answer) : 0;
    render();
  } catch (e) {
    show(e.message);
  }
}

enqueue(() => refresh(true));
setInterval(() => enqueue(() => refresh(false)), 2000);
