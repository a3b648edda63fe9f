// 码上巡 report form: name, workplace and address only when reporting with one's real name.
(function () {
  var form = document.querySelector("form");
  if (!form) return;
  function update() {
    var chosen = form.querySelector("input[name=mode]:checked");
    var real = chosen && chosen.value === "real_name";
    form.querySelectorAll(".real-only").forEach(function (el) { el.hidden = !real; });
  }
  form.addEventListener("change", update);
  update();
})();
