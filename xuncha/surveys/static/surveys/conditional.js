// Follow-up questions: shown only when the answer they depend on is chosen (the server drops an
// answer to a hidden question and asks only shown required ones; this only keeps the page tidy).
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form.questionnaire");
  if (!form) return;
  const sets = Array.from(form.querySelectorAll("fieldset[data-question]"));
  const update = () => {
    for (const set of sets) {
      const option = set.dataset.showIf;
      if (!option) continue;
      const trigger = form.querySelector(`fieldset[data-question="${set.dataset.showIfQuestion}"]`);
      const chosen = trigger && !trigger.hidden && trigger.querySelector(`input[value="${option}"]:checked`);
      set.hidden = !chosen;
      for (const input of set.querySelectorAll("input, textarea")) input.disabled = !chosen;
    }
  };
  for (const set of sets) {
    const note = set.querySelector(".condition");
    if (note && set.dataset.showIf) note.hidden = true;
  }
  form.addEventListener("change", update);
  update();
});
