// Announce what a page load brings (a message after an action, the number of results after a
// filter): a live region only speaks when its content changes, so the texts marked
// data-announce are put into the empty #announcer just after the page has loaded.
document.addEventListener("DOMContentLoaded", () => {
  const announcer = document.getElementById("announcer");
  const texts = [...document.querySelectorAll("[data-announce]")].map((el) =>
    el.textContent.trim(),
  );
  if (announcer && texts.length) {
    setTimeout(() => {
      announcer.textContent = texts.join(" ");
    }, 500);
  }
});

// Move focus to a form's error summary so screen-reader and keyboard users hear it first.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
});

// An error summary's link to a field moves focus into the field, with its label in view; a plain
// link to the field's id would only scroll, leaving focus (and the next Tab) behind.
document.addEventListener("click", (event) => {
  const link = event.target.closest(".error-summary a[href^='#']");
  const field = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (!field || !field.matches("input, select, textarea")) {
    return;
  }
  event.preventDefault();
  const label =
    document.querySelector(`label[for="${CSS.escape(field.id)}"]`) ||
    field.closest("fieldset")?.querySelector("legend");
  (label || field).scrollIntoView();
  field.focus({ preventScroll: true });
});

// Formsets: add a row in place by copying the empty form Django renders into a <template>.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".no-js-only").forEach((el) => {
    el.hidden = true;
  });
  document.querySelectorAll("[data-add-row]").forEach((button) => {
    const prefix = button.dataset.addRow;
    const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
    const template = document.getElementById(`${prefix}-empty`);
    const rows = document.getElementById(`${prefix}-rows`);
    if (!total || !template || !rows) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", () => {
      const index = Number(total.value);
      const html = template.innerHTML
        .replaceAll("__prefix__", String(index))
        .replaceAll("__number__", String(index + 1));
      rows.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      const added = rows.lastElementChild;
      const first = added && added.querySelector("input:not([type=hidden]), textarea, select");
      if (first) {
        first.focus();
      }
    });
  });
});

// Live scores: while someone types, score the unsaved answers and refresh the panel. The panel
// is never replaced while focus is inside it, so a reason being typed there is not disturbed.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("assessment-form");
  const live = document.getElementById("scores-live");
  const status = document.getElementById("scores-status");
  if (!form || !live || !form.dataset.previewUrl) {
    return;
  }
  let timer = null;
  const refresh = async () => {
    if (live.contains(document.activeElement)) {
      return;
    }
    const response = await fetch(form.dataset.previewUrl, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
    });
    if (response.status !== 200) {
      return;
    }
    const before = document.getElementById("readiness-summary")?.textContent.trim();
    // Keep each Principle open or closed as the person left it.
    const open = new Map(
      [...live.querySelectorAll("details[id]")].map((details) => [details.id, details.open]),
    );
    live.innerHTML = await response.text();
    live.querySelectorAll("details[id]").forEach((details) => {
      if (open.has(details.id)) {
        details.open = open.get(details.id);
      }
    });
    const after = document.getElementById("readiness-summary")?.textContent.trim();
    if (status && after && after !== before) {
      status.textContent = `Scores updated: ${after}`;
    }
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 600);
  };
  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
});
