/* The story editor's suggested tags: "Add" and "Dismiss" reload the page, so ask before losing unsaved edits. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var panel = document.getElementById("suggestions");
    var form = panel && panel.closest("form");
    if (!form) return;
    var edited = false;
    function markEdited(event) {
      if (!panel.contains(event.target)) edited = true;
    }
    form.addEventListener("input", markEdited);
    form.addEventListener("change", markEdited);
    panel.addEventListener("click", function (event) {
      var button = event.target.closest("button[formaction]");
      if (!button || !edited) return;
      if (!window.confirm("Your unsaved changes to the story will be lost. Go on?")) event.preventDefault();
    });
  });
})();
