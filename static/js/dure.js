// Small behaviours without inline handlers (the Content-Security-Policy allows scripts from
// this site only): submit a form when a marked select changes; ask before a marked action.
document.addEventListener("change", (event) => {
  const field = event.target.closest("[data-submit-on-change]");
  if (field && field.form) field.form.submit();
});
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.dataset.confirm)) event.preventDefault();
});
// A list filter refreshes on every change, and on typing in its search box (after a pause);
// leaving the search box must not send the same search a second time.
document.addEventListener(
  "change",
  (event) => {
    if (event.target.matches("form.filters input[type=search]")) event.stopPropagation();
  },
  true,
);
// A report editor's "insert a figure": the chosen figure's token goes where the cursor is.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-insert-into]");
  if (!button) return;
  const area = document.getElementById(button.dataset.insertInto);
  const source = document.getElementById(button.dataset.insertFrom);
  if (!area || !source || !source.value) return;
  const start = area.selectionStart ?? area.value.length;
  const end = area.selectionEnd ?? start;
  area.value = area.value.slice(0, start) + source.value + area.value.slice(end);
  area.focus();
  area.selectionStart = area.selectionEnd = start + source.value.length;
});
