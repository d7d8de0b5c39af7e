/* The story editor: Ctrl/Cmd+S saves, leaving with unsaved changes asks first, bylines move up and
   down (buttons, so the keyboard works) and take their position from their order. A static file:
   the admin's Content-Security-Policy forbids inline scripts. */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  ready(function () {
    var form = document.getElementById("article_form");
    if (!form) return;
    var live = document.querySelector(".story-live");
    function announce(text) {
      if (live) live.textContent = text;
    }

    // Names for screen readers: the rich-text body, made by its editor's script after load.
    function nameBody() {
      var body = form.querySelector(".ProseMirror[contenteditable]");
      if (body && !body.hasAttribute("aria-label")) {
        body.setAttribute("aria-label", "Body");
        body.setAttribute("aria-multiline", "true");
      }
      return body;
    }
    if (!nameBody()) {
      var watcher = new MutationObserver(function () { if (nameBody()) watcher.disconnect(); });
      watcher.observe(form, { childList: true, subtree: true });
    }

    // The autocomplete boxes (select2) name themselves by their current choice only: empty, they
    // have no name. Add the field's label in front.
    function nameAutocompletes() {
      form.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
        var label = select.id && form.querySelector('label[for="' + select.id + '"]');
        var box = select.parentNode.querySelector(".select2-selection[role=combobox]");
        if (!box || box.dataset.named) return;
        var name = label ? label.textContent.replace(/:\s*$/, "").trim() : "Author";
        var labelId = "label-" + select.id;
        var tag = document.createElement("span");
        tag.id = labelId;
        tag.className = "visually-hidden";
        tag.textContent = name;
        box.parentNode.insertBefore(tag, box);
        var shown = box.querySelector(".select2-selection__rendered");
        box.setAttribute("aria-labelledby", labelId + (shown && shown.id ? " " + shown.id : ""));
        if (shown) shown.setAttribute("aria-label", name);
        box.dataset.named = "1";
      });
    }
    window.addEventListener("load", nameAutocompletes);
    window.setTimeout(nameAutocompletes, 0);
    document.addEventListener("formset:added", function () { window.setTimeout(nameAutocompletes, 0); });

    // Unsaved changes -------------------------------------------------------------------------
    var dirty = false;
    function markDirty() { dirty = true; }
    form.addEventListener("input", markDirty);
    form.addEventListener("change", markDirty);
    form.addEventListener("submit", function (event) {
      // "Preview unsaved changes" posts to another tab: the changes here are still unsaved.
      if (event.submitter && event.submitter.hasAttribute("formtarget")) return;
      dirty = false;
    });
    window.addEventListener("beforeunload", function (event) {
      if (!dirty) return;
      event.preventDefault();
      event.returnValue = "";
    });

    // Someone else is editing: report in every few seconds; show who else has the story open,
    // and tell at once when one of them saved (the server still refuses a stale save).
    var presence = document.querySelector(".story-presence");
    if (presence && window.fetch) {
      var token = form.querySelector("input[name=csrfmiddlewaretoken]");
      var loaded = form.querySelector("input[name=version_loaded]");
      var othersBox = presence.querySelector(".story-others");
      var savedBox = presence.querySelector(".story-saved-elsewhere");
      var seconds = parseInt(presence.dataset.seconds, 10) || 4;
      var othersShown = "";
      var savedShown = "";
      var report = function (leaving) {
        var data = new FormData();
        if (token) data.append("csrfmiddlewaretoken", token.value);
        if (leaving) {
          data.append("leaving", "1");
          if (navigator.sendBeacon) navigator.sendBeacon(presence.dataset.url, data);
          return;
        }
        fetch(presence.dataset.url, { method: "POST", body: data, credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (state) {
            if (!state) return;
            var others = state.others.length
              ? "Also editing now: " + state.others.join(", ") + "."
              : "";
            if (others !== othersShown) {
              othersShown = others;
              othersBox.textContent = others;
              presence.classList.toggle("has-others", !!others);
            }
            var mine = loaded ? parseInt(loaded.value, 10) : state.version;
            if (state.version > mine && savedShown !== String(state.version)) {
              savedShown = String(state.version);
              savedBox.textContent = "";
              var text = document.createElement("p");
              text.textContent = state.saved_by + " saved this story at " + state.saved_at +
                ", after you opened it. Your changes here would not be saved: copy what you want to keep, then ";
              var link = document.createElement("a");
              link.href = presence.dataset.reload;
              link.textContent = "reload the story";
              text.appendChild(link);
              text.appendChild(document.createTextNode("."));
              savedBox.appendChild(text);
              presence.classList.add("saved-elsewhere");
            }
          })
          .catch(function () {});
      };
      report(false);
      window.setInterval(function () { report(false); }, seconds * 1000);
      window.addEventListener("pagehide", function () { report(true); });
    }

    // Ctrl/Cmd+S: the panel's first button (Save draft, Save, Save changes) ------------------
    document.addEventListener("keydown", function (event) {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && (event.key === "s" || event.key === "S")) {
        event.preventDefault();
        var save = form.querySelector(".story-actions button[value=save]");
        if (save) form.requestSubmit(save);
      }
    });

    // Bylines: move up and down, positions from the order ------------------------------------
    var group = document.getElementById("bylines-group");
    if (!group) return;
    function rows() {
      return Array.prototype.filter.call(
        group.querySelectorAll("tr.form-row"),
        function (row) { return !row.classList.contains("empty-form") && row.id; }
      );
    }
    function authorName(row) {
      var chosen = row.querySelector(".select2-selection__rendered");
      var select = row.querySelector("select");
      var name = chosen && chosen.textContent.replace(/^×/, "").trim();
      if (!name && select && select.selectedIndex >= 0) name = select.options[select.selectedIndex].text;
      return name && name !== "---------" ? name : "new byline";
    }
    function relabel() {
      var all = rows();
      all.forEach(function (row, index) {
        var up = row.querySelector(".byline-up");
        var down = row.querySelector(".byline-down");
        var name = authorName(row);
        var remove = row.querySelector("input[type=checkbox][name$=DELETE]");
        if (remove) remove.setAttribute("aria-label", "Remove " + name);
        if (up) {
          up.disabled = index === 0;
          up.setAttribute("aria-label", "Move " + name + " up");
        }
        if (down) {
          down.disabled = index === all.length - 1;
          down.setAttribute("aria-label", "Move " + name + " down");
        }
      });
    }
    function move(row, direction) {
      var all = rows();
      var index = all.indexOf(row);
      var other = all[index + direction];
      if (!other) return;
      if (direction < 0) other.parentNode.insertBefore(row, other);
      else other.parentNode.insertBefore(other, row);
      markDirty();
      relabel();
      var position = rows().indexOf(row) + 1;
      announce(authorName(row) + " is now byline " + position + " of " + all.length + ".");
      var button = row.querySelector(direction < 0 ? ".byline-up" : ".byline-down");
      if (button && button.disabled) button = row.querySelector(direction < 0 ? ".byline-down" : ".byline-up");
      if (button) button.focus();
    }
    function equip(row) {
      if (row.querySelector(".byline-move")) return;
      var cell = row.querySelector("td.field-author") || row.querySelector("td");
      if (!cell) return;
      var box = document.createElement("span");
      box.className = "byline-move";
      [["byline-up", "↑", -1], ["byline-down", "↓", 1]].forEach(function (spec) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button " + spec[0];
        button.textContent = spec[1];
        button.addEventListener("click", function () { move(row, spec[2]); });
        box.appendChild(button);
      });
      cell.appendChild(box);
    }
    rows().forEach(equip);
    relabel();
    document.addEventListener("formset:added", function (event) {
      if (event.detail && event.detail.formsetName === "bylines") {
        equip(event.target);
        relabel();
      }
    });
    document.addEventListener("formset:removed", function () { relabel(); });
    group.addEventListener("change", relabel);
    // The author boxes are select2 widgets, which announce a choice through jQuery only.
    if (window.django && window.django.jQuery) window.django.jQuery(group).on("change", "select", relabel);
    form.addEventListener("submit", function () {
      rows().forEach(function (row, index) {
        var position = row.querySelector("input.byline-position");
        if (position) position.value = String(index);
      });
    });
  });
})();
