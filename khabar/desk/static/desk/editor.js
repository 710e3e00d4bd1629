// The translation desk's side-by-side editor: keyboard moves, suggestions, live copy checks.
(function () {
  "use strict";
  const root = document.querySelector(".desk");
  if (!root) return;
  const form = document.getElementById("desk-form");
  const segments = Array.from(root.querySelectorAll(".desk-segment"));
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const labels = document.getElementById("desk-labels").content;
  let current = 0;

  function statusLabel(status) {
    const el = labels.querySelector(`[data-status="${status}"]`);
    return el ? el.textContent : status;
  }

  function setStatus(li, status) {
    li.querySelector("[data-status-input]").value = status;
    const label = li.querySelector("[data-status-label]");
    label.textContent = statusLabel(status);
    label.className = `desk-status desk-status--${status}`;
  }

  function focus(index) {
    current = Math.max(0, Math.min(segments.length - 1, index));
    segments.forEach((li, i) => li.classList.toggle("is-current", i === current));
    const area = segments[current].querySelector("textarea");
    area.focus();
    segments[current].scrollIntoView({ block: "nearest" });
  }

  function accept(li, button) {
    const area = li.querySelector("textarea");
    const dateline = area.value.match(/^[^()\n]{1,60}\([^()\n]{1,40}\)\s*—\s*/);
    const text = button.dataset.text;
    area.value = dateline && !text.startsWith(dateline[0].trim()) && li === firstParagraph() ? dateline[0] + text : text;
    setStatus(li, button.dataset.status);
    scheduleCheck();
  }

  function firstParagraph() {
    return segments.find((li) => li.dataset.kind === "paragraph");
  }

  async function machine(li) {
    const error = li.querySelector("[data-machine-error]");
    error.textContent = "";
    const response = await fetch(li.dataset.machineUrl, { method: "POST", headers: { "X-CSRFToken": csrf } });
    let data = {};
    try { data = await response.json(); } catch (e) { data = { error: response.statusText }; }
    if (!response.ok || !data.text) { error.textContent = data.error || response.statusText; return; }
    const list = li.querySelector("[data-suggestions]");
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "desk-suggestion";
    button.dataset.accept = "";
    button.dataset.status = "machine";
    button.dataset.text = data.text;
    const tag = document.createElement("span");
    tag.className = "desk-score";
    tag.textContent = labels.querySelector('[data-label="machine"]').textContent;
    const text = document.createElement("span");
    text.lang = "ar";
    text.textContent = data.text;
    button.append(tag, text);
    item.append(button);
    list.append(item);
  }

  let timer = null;
  function scheduleCheck() {
    clearTimeout(timer);
    timer = setTimeout(check, 400);
  }

  async function check() {
    const targets = {};
    segments.forEach((li) => { targets[li.dataset.segment] = li.querySelector("textarea").value; });
    const response = await fetch(root.dataset.checkUrl, {
      method: "POST",
      headers: { "X-CSRFToken": csrf, "Content-Type": "application/json" },
      body: JSON.stringify({ targets }),
    });
    if (!response.ok) return;
    const data = await response.json();
    let errors = 0;
    segments.forEach((li) => {
      const list = li.querySelector("[data-findings]");
      list.replaceChildren();
      (data.findings[li.dataset.segment] || []).forEach((f) => {
        const item = document.createElement("li");
        item.className = `desk-finding desk-finding--${f.severity}`;
        item.dataset.code = f.code;
        item.textContent = f.message;
        list.append(item);
        if (f.severity === "error") errors += 1;
      });
    });
    const summary = root.querySelector("[data-desk-summary]");
    summary.textContent = `${labels.querySelector('[data-label="summary"]').textContent}: ${errors}`;
    summary.dataset.errors = String(errors);
  }

  segments.forEach((li, index) => {
    const area = li.querySelector("textarea");
    area.addEventListener("focus", () => { current = index; segments.forEach((s, i) => s.classList.toggle("is-current", i === index)); });
    area.addEventListener("input", () => {
      const status = li.querySelector("[data-status-input]").value;
      if (status !== "edited") setStatus(li, area.value.trim() ? "edited" : "empty");
      scheduleCheck();
    });
    li.addEventListener("click", (event) => {
      const button = event.target.closest("[data-accept]");
      if (button) accept(li, button);
      if (event.target.closest("[data-approve]")) { if (area.value.trim()) setStatus(li, "approved"); }
      if (event.target.closest("[data-machine]")) machine(li);
    });
  });

  document.addEventListener("keydown", (event) => {
    const li = segments[current];
    if (event.altKey && event.key === "ArrowDown") { event.preventDefault(); focus(current + 1); }
    else if (event.altKey && event.key === "ArrowUp") { event.preventDefault(); focus(current - 1); }
    else if (event.altKey && /^[1-9]$/.test(event.key)) {
      const buttons = li.querySelectorAll("[data-accept]");
      const button = buttons[Number(event.key) - 1];
      if (button) { event.preventDefault(); accept(li, button); }
    } else if (event.altKey && (event.key === "m" || event.key === "M" || event.code === "KeyM")) {
      event.preventDefault(); machine(li);
    } else if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
      event.preventDefault();
      if (li.querySelector("textarea").value.trim()) setStatus(li, "approved");
      focus(current + 1);
    } else if ((event.ctrlKey || event.metaKey) && (event.key === "s" || event.key === "S")) {
      event.preventDefault(); form.submit();
    }
  });
  if (segments.length) segments[0].classList.add("is-current");
})();
