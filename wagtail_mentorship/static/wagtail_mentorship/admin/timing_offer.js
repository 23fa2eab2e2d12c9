// «Предложить дату»: a click fills the activity's date field with the date its timing names.
// Nothing is saved until the editor saves the page; without JavaScript the button is a hint.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-mentorship-offer-date]");
  if (!button) return;
  const input = document.getElementById(button.dataset.mentorshipOfferFor);
  if (!input) return;
  input.value = button.dataset.mentorshipOfferDate;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  input.dispatchEvent(new Event("change", { bubbles: true }));
  button.hidden = true;
  input.focus();
});
