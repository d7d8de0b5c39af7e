/* The article list's autocomplete filters (section, author, actor, country): choosing a row in a box
   shows its stories at once, and each box is named by its label for screen readers (select2 names a
   box by its current choice only). Without JavaScript each filter's "Filter" button does the same. */
(function () {
  "use strict";

  function equip() {
    document.querySelectorAll("form.autocomplete-filter").forEach(function (form) {
      var select = form.querySelector("select");
      var box = form.querySelector(".select2-selection[role=combobox]");
      if (!select || !box || form.dataset.equipped) return;
      form.dataset.equipped = "1";
      var shown = form.querySelector(".select2-selection__rendered");
      box.setAttribute("aria-labelledby", select.id + "-label" + (shown && shown.id ? " " + shown.id : ""));
      var label = document.getElementById(select.id + "-label");
      if (shown && label) shown.setAttribute("aria-label", label.textContent.trim());
      form.classList.add("is-enhanced");
      if (window.django && window.django.jQuery) {
        window.django.jQuery(select).on("change", function () { form.requestSubmit(); });
      }
    });
  }

  window.addEventListener("load", equip);
  document.addEventListener("DOMContentLoaded", function () { window.setTimeout(equip, 0); });
})();
