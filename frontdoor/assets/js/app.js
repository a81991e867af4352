// Front Door's progressive enhancement. Every page works without it: these only save a round trip.
import { initAll } from "./govuk-frontend.min.js";

initAll();

// "Now" and "Today" beside a date and time fill the boxes here, in London time whatever the computer's
// time zone, instead of asking the server.
function londonParts() {
  const parts = {};
  const format = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    day: "numeric",
    month: "numeric",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  for (const part of format.formatToParts(new Date())) parts[part.type] = part.value;
  return [parts.day, parts.month, parts.year, `${parts.hour}:${parts.minute}`];
}

for (const button of document.querySelectorAll("[data-app-fill]")) {
  button.addEventListener("click", (event) => {
    const target = button.dataset.appTarget;
    const boxes = [0, 1, 2, 3].map((i) => document.getElementById(`${target}_${i}`));
    if (boxes.some((box) => !box)) return;
    event.preventDefault();
    const values = londonParts();
    const count = button.dataset.appFill === "today" ? 3 : 4;
    for (let i = 0; i < count; i += 1) boxes[i].value = values[i];
    boxes[count - 1].focus();
  });
}

// Spare slots ("Child 2" before anyone asked for it) wait behind "Add another child".
const spares = {};
for (const slot of document.querySelectorAll("[data-app-spare]")) {
  slot.hidden = true;
  (spares[slot.dataset.appSpare] ||= []).push(slot);
}
for (const button of document.querySelectorAll("[data-app-add]")) {
  button.addEventListener("click", (event) => {
    const slot = (spares[button.dataset.appAdd] || []).shift();
    if (!slot) return; // none left: the server adds one
    event.preventDefault();
    slot.hidden = false;
    const legend = slot.querySelector("legend");
    if (legend) {
      legend.tabIndex = -1;
      legend.focus();
    }
  });
}

// GOV.UK Frontend marks a radio that reveals content with aria-expanded, which ARIA does not allow on a
// radio (axe reports it). The reveal itself is announced through aria-controls, so the attribute is dropped.
function dropRadioExpanded(node) {
  if (node instanceof HTMLInputElement && node.type === "radio" && node.hasAttribute("aria-expanded")) {
    node.removeAttribute("aria-expanded");
  }
}
document.querySelectorAll("input[type=radio][aria-expanded]").forEach(dropRadioExpanded);
new MutationObserver((records) => records.forEach((record) => dropRadioExpanded(record.target))).observe(document.body, {
  attributes: true,
  attributeFilter: ["aria-expanded"],
  subtree: true,
});

// The idle sign-out (frontdoor/accounts/middleware.py) happens on the server with or without this script.
// This warns a few minutes before, in a dialog that takes the focus, with "Stay signed in" (which asks the
// server to count it as activity) and "Sign out"; when the time is up the page is reloaded, and the server
// signs the user out and says why.
function idleWarning(body) {
  const timeout = Number(body.dataset.appIdleTimeout) * 1000;
  const warning = Number(body.dataset.appIdleWarning) * 1000; // the server makes it at most half the timeout
  if (!timeout || typeof HTMLDialogElement !== "function") return;
  const csrf = () => (document.querySelector("input[name=csrfmiddlewaretoken]") || {}).value || "";
  const dialog = document.createElement("dialog");
  dialog.className = "app-idle-dialog";
  dialog.setAttribute("aria-labelledby", "app-idle-title");
  dialog.setAttribute("aria-describedby", "app-idle-text");
  dialog.innerHTML = `
    <h2 class="govuk-heading-m" id="app-idle-title">You are about to be signed out</h2>
    <p class="govuk-body" id="app-idle-text">For your security, you will be signed out in
      <span class="app-idle-dialog__count"></span> if you do nothing. Anything you have not saved will be lost.</p>
    <div class="govuk-button-group">
      <button type="button" class="govuk-button" data-module="govuk-button">Stay signed in</button>
      <form method="post"><input type="hidden" name="csrfmiddlewaretoken">
        <button type="submit" class="govuk-button govuk-button--secondary">Sign out</button></form>
    </div>`;
  const form = dialog.querySelector("form");
  form.action = body.dataset.appSignOut;
  const count = dialog.querySelector(".app-idle-dialog__count");
  const stay = dialog.querySelector("button[type=button]");
  body.appendChild(dialog);
  let deadline = 0;
  let warnTimer = 0;
  let tick = 0;
  const words = (ms) => {
    const seconds = Math.max(0, Math.ceil(ms / 1000));
    if (seconds >= 60) {
      const minutes = Math.ceil(seconds / 60);
      return minutes === 1 ? "1 minute" : `${minutes} minutes`;
    }
    return seconds === 1 ? "1 second" : `${seconds} seconds`;
  };
  const update = () => {
    const left = deadline - Date.now();
    count.textContent = words(left);
    if (left <= 0) {
      clearInterval(tick);
      window.location.reload();
    }
  };
  const start = () => {
    deadline = Date.now() + timeout + 1000; // a second after the server's own limit
    clearTimeout(warnTimer);
    clearInterval(tick);
    warnTimer = setTimeout(() => {
      form.querySelector("input").value = csrf();
      update();
      dialog.showModal();
      stay.focus();
      tick = setInterval(update, 1000);
    }, Math.max(0, timeout - warning));
  };
  stay.addEventListener("click", async () => {
    const response = await fetch(body.dataset.appKeepAlive, {
      method: "POST",
      headers: { "X-CSRFToken": csrf() },
      credentials: "same-origin",
      redirect: "manual", // signed out already: the reload shows the sign-in page and says why
    });
    if (!response.ok) {
      window.location.reload();
      return;
    }
    dialog.close();
    start();
  });
  dialog.addEventListener("cancel", (event) => event.preventDefault()); // Escape does not dismiss it unnoticed
  start();
}
idleWarning(document.body);
