// Shows the «Print» buttons of a roadmap and lets them open the browser's print dialog.
document.querySelectorAll("[data-mentorship-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
