// Move focus to a form's error summary so screen-reader and keyboard users hear it first.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
});
