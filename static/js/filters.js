// The article list's filters, made easier where JavaScript runs (the form works without it):
// long lists of choices get a box that narrows them as the reader types, and on a phone the form
// starts folded so that the stories come first (site.css hides its fields until then, so nothing moves).
(function () {
  "use strict";

  function normalise(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  document.querySelectorAll("[data-searchable]").forEach(function (wrapper) {
    var select = wrapper.querySelector("select");
    var input = wrapper.querySelector(".choice-search");
    if (!select || !input) return;
    input.addEventListener("input", function () {
      var wanted = normalise(input.value.trim());
      var first = null;
      Array.prototype.forEach.call(select.options, function (option) {
        var shown = !wanted || option.value === "" || normalise(option.text).indexOf(wanted) !== -1;
        option.hidden = !shown;
        if (shown && option.value !== "" && first === null) first = option;
      });
      if (first && !select.multiple) first.selected = true;
      if (first) first.scrollIntoView({ block: "nearest" });
    });
    // A chosen option deep in a list box is scrolled to, so the reader sees it is chosen.
    var chosen = select.querySelector("option:checked");
    if (select.multiple && chosen) select.scrollTop = chosen.offsetTop - select.offsetTop;
  });

  document.querySelectorAll("details[data-fold-on-phone]").forEach(function (details) {
    if (window.matchMedia("(max-width: 40rem)").matches) details.open = false;
    details.setAttribute("data-folded", "");
  });
})();
