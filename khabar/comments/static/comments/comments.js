// Reader comments: loads the per-reader form (with its CSRF token) into the cached
// article page, configures the self-hosted ALTCHA widget in Arabic, and posts forms
// with fetch so answers appear in place. Loaded as a module after altcha.min.js.

const section = document.getElementById("comments");

// Every string the widget can show, in Arabic (the footer and logo, which name and
// link to altcha.org, are hidden).
const ARABIC = {
  ariaLinkLabel: "التحقق",
  enterCode: "أدخل الرمز",
  enterCodeAria: "أدخل الرمز الذي تسمعه. اضغط المسافة لتشغيل الصوت.",
  enterCodeFromImage: "للمتابعة، أدخل الرمز الظاهر في الصورة.",
  error: "تعذّر التحقق. حاول مرة أخرى.",
  expired: "انتهت صلاحية التحقق. أعد المحاولة.",
  footer: "",
  getAudioChallenge: "استمع إلى الرمز",
  label: "أنا لست روبوتًا",
  loading: "جارٍ التحميل…",
  reload: "رمز آخر",
  verify: "تحقّق",
  verificationRequired: "يلزم التحقق قبل الإرسال.",
  verified: "تم التحقق",
  verifying: "جارٍ التحقق…",
  waitAlert: "جارٍ التحقق… انتظر قليلًا.",
  cancel: "إلغاء",
};

function configureAltcha() {
  const altcha = globalThis.$altcha;
  if (!altcha || !section) return;
  altcha.i18n.set("ar", ARABIC);
  altcha.defaults.set({ hideFooter: true, hideLogo: true, language: "ar" });
  // The external build ships no workers: register the site's own copy (CSP worker-src 'self').
  const workerUrl = section.dataset.workerUrl;
  for (const algorithm of ["PBKDF2/SHA-256", "PBKDF2/SHA-384", "PBKDF2/SHA-512"]) {
    altcha.algorithms.set(algorithm, () => new Worker(workerUrl));
  }
}

function csrfToken() {
  const input = section.querySelector("input[name=csrfmiddlewaretoken]");
  if (input) return input.value;
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

async function fetchFragment(url, options = {}) {
  const response = await fetch(url, {
    credentials: "same-origin",
    ...options,
    headers: { "X-Requested-With": "fetch", ...(options.headers || {}) },
  });
  return {
    ok: response.ok,
    status: response.status,
    html: await response.text(),
    // The server answered before spending the ALTCHA solution (too fast, field errors, rate limit).
    checkKept: response.headers.get("X-Comment-Check") === "kept",
  };
}

function watchWidget(form) {
  const widget = form.querySelector("altcha-widget");
  if (!widget) return;
  // The widget puts the technical (English) reason in a tooltip; readers get the Arabic one.
  widget.addEventListener("statechange", (event) => {
    if (event.detail.state === "error") {
      requestAnimationFrame(() => {
        for (const el of widget.querySelectorAll("[title]")) el.title = ARABIC.error;
      });
    }
  });
}

async function loadForm() {
  const slot = section.querySelector("[data-comment-form]");
  if (!slot) return;
  const { html } = await fetchFragment(section.dataset.formUrl);
  slot.innerHTML = html;
  const form = slot.querySelector("form.comment-form");
  if (!form) return;
  watchWidget(form);
  for (const button of section.querySelectorAll(".comment-reply")) button.hidden = false;
}

function replyTo(button) {
  const form = section.querySelector("form.comment-form");
  if (!form) return;
  form.elements.reply_to.value = button.dataset.replyTo;
  const note = form.querySelector(".comment-replying");
  note.querySelector("[data-reply-name]").textContent = button.dataset.replyName;
  note.hidden = false;
  form.elements.comment.focus();
}

function cancelReply(form) {
  form.elements.reply_to.value = "0";
  form.querySelector(".comment-replying").hidden = true;
}

async function postComment(form) {
  const status = form.querySelector(".comment-status");
  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  try {
    const { status: code, html, checkKept } = await fetchFragment(form.action, {
      method: "POST",
      body: new FormData(form),
    });
    if (code === 400 && html.includes("comment-form")) {
      // Field errors: the form comes back with the reader's input and Arabic messages. The
      // solved check was not spent: the same widget element moves into the new form, in the
      // same task, so it is never torn down and keeps its state.
      const solved = form.querySelector("altcha-widget");
      const slot = form.parentElement;
      slot.innerHTML = html;
      const fresh = slot.querySelector("form.comment-form");
      if (checkKept && solved) fresh.querySelector("altcha-widget")?.replaceWith(solved);
      else watchWidget(fresh);
      return;
    }
    status.innerHTML = html;
    if (code === 201) {
      form.reset();
      cancelReply(form);
    }
    // A spent solution cannot be used again: start a fresh challenge. When the server refused
    // before spending it (too fast, too many posts), the reader keeps the check they solved.
    if (!checkKept) form.querySelector("altcha-widget")?.reset?.();
  } catch {
    status.innerHTML = '<p class="comment-message comment-message--error" role="alert">تعذّر الاتصال. حاول مرة أخرى.</p>';
  } finally {
    button.disabled = false;
  }
}

async function postReport(form) {
  const status = form.querySelector(".comment-report-status");
  if (!csrfToken()) await fetchFragment(section.dataset.formUrl); // sets the CSRF cookie
  const { html } = await fetchFragment(form.action, {
    method: "POST",
    body: new FormData(form),
    headers: { "X-CSRFToken": csrfToken() },
  });
  status.innerHTML = html;
}

if (section) {
  configureAltcha();
  section.addEventListener("submit", (event) => {
    const form = event.target;
    if (form.matches("form.comment-form")) {
      event.preventDefault();
      postComment(form);
    } else if (form.matches("[data-report-form]")) {
      event.preventDefault();
      postReport(form);
    }
  });
  section.addEventListener("click", (event) => {
    const reply = event.target.closest(".comment-reply");
    if (reply) replyTo(reply);
    const cancel = event.target.closest(".comment-cancel-reply");
    if (cancel) cancelReply(cancel.closest("form"));
  });
  loadForm();
}
