// Front Door's progressive enhancement. Every page works without it: these only save a round trip.

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
