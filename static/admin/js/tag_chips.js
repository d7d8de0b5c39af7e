/* The story editor's actors and countries as chips: each tag a removable chip, an input that suggests
   existing ones as the editor types, and, for those who may add actors, "Create “X” as person" or
   "as organisation". It enhances the comma-separated inputs (data-tag-suggest): the form still posts
   the same comma-separated names, and without JavaScript the inputs work as before.
   Keyboard: arrows move through the suggestions, Enter picks, Escape closes, Backspace in the empty
   input removes the last chip. The input is an ARIA 1.2 combobox; changes are announced politely. */
(function () {
  "use strict";

  var KINDS = [["person", "person"], ["organisation", "organisation"]];
  var DELAY_MS = 150;
  var counter = 0;

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  function fold(text) {
    return text.normalize("NFKC").toLocaleLowerCase().trim().replace(/\s+/g, " ");
  }

  function namesOf(value) {
    var names = [];
    value.split(",").forEach(function (part) {
      var name = part.replace(/"/g, " ").trim().replace(/\s+/g, " ");
      if (name && !names.some(function (known) { return fold(known) === fold(name); })) names.push(name);
    });
    return names;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function enhance(source) {
    counter += 1;
    var id = "tag-chips-" + counter;
    var label = source.id && document.querySelector('label[for="' + source.id + '"]');
    var fieldName = label ? label.textContent.replace(/:\s*$/, "").trim() : source.name;
    var singular = source.name === "actors" ? "actor" : "country";
    var csrf = source.form && source.form.querySelector("input[name=csrfmiddlewaretoken]");
    var names = namesOf(source.value);
    var options = [];
    var active = -1;
    var timer = null;
    var asked = 0;

    var box = element("div", "tag-chips");
    var chips = element("ul", "tag-chips-list");
    chips.setAttribute("aria-label", fieldName + " chosen");
    var input = element("input", "tag-chips-input");
    input.type = "text";
    input.id = source.id + "_chips";
    input.autocomplete = "off";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id + "-options");
    var described = source.getAttribute("aria-describedby");
    var help = document.getElementById(source.id + "_helptext");
    if (help && source.dataset.tagHelp) help.textContent = source.dataset.tagHelp;
    var hint = element("span", "visually-hidden", "Type to find a " + singular +
      "; arrow keys choose, Enter adds, Backspace in an empty box removes the last one.");
    hint.id = id + "-hint";
    input.setAttribute("aria-describedby", hint.id + (described ? " " + described : ""));
    var list = element("ul", "tag-chips-options");
    list.id = id + "-options";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", fieldName + " suggestions");
    list.hidden = true;
    var status = element("p", "visually-hidden");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var problem = element("p", "tag-chips-error");
    problem.setAttribute("role", "alert");

    box.appendChild(chips);
    box.appendChild(input);
    box.appendChild(list);
    box.appendChild(hint);
    box.appendChild(status);
    box.appendChild(problem);
    source.parentNode.insertBefore(box, source.nextSibling);
    source.hidden = true;
    source.tabIndex = -1;
    if (label) label.htmlFor = input.id;
    box.addEventListener("click", function (event) {
      if (event.target === box || event.target === chips) input.focus();
    });

    function announce(text) {
      status.textContent = text;
    }

    function store() {
      source.value = names.join(", ");
      source.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function drawChips() {
      chips.textContent = "";
      names.forEach(function (name) {
        var chip = element("li", "tag-chip");
        chip.appendChild(element("span", "tag-chip-name", name));
        var remove = element("button", "tag-chip-remove", "×");
        remove.type = "button";
        remove.setAttribute("aria-label", "Remove " + name);
        remove.addEventListener("click", function () {
          removeName(name);
          input.focus();
        });
        chip.appendChild(remove);
        chips.appendChild(chip);
      });
      chips.hidden = names.length === 0;
    }

    function has(name) {
      return names.some(function (known) { return fold(known) === fold(name); });
    }

    function addName(name) {
      problem.textContent = "";
      if (!has(name)) {
        names.push(name);
        store();
        drawChips();
        announce("Added " + name + ".");
      } else {
        announce(name + " is already there.");
      }
      input.value = "";
      close();
    }

    function removeName(name) {
      names = names.filter(function (known) { return fold(known) !== fold(name); });
      store();
      drawChips();
      announce("Removed " + name + ".");
    }

    function close() {
      list.hidden = true;
      list.textContent = "";
      options = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (item, at) {
        item.setAttribute("aria-selected", at === index ? "true" : "false");
        item.classList.toggle("active", at === index);
        if (at === index) item.scrollIntoView({ block: "nearest" });
      });
      if (index >= 0) input.setAttribute("aria-activedescendant", list.children[index].id);
      else input.removeAttribute("aria-activedescendant");
    }

    function draw(results, typed) {
      options = results.filter(function (result) { return !has(result.name); });
      var exact = results.some(function (result) { return fold(result.name) === fold(typed); });
      if (source.dataset.tagCreate && typed && !exact && !has(typed)) {
        KINDS.forEach(function (kind) {
          options.push({ create: kind[0], name: typed, label: "Create “" + typed + "” as " + kind[1] });
        });
      }
      list.textContent = "";
      options.forEach(function (option, index) {
        var item = element("li", "tag-chips-option" + (option.create ? " create" : ""));
        item.id = id + "-option-" + index;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        if (option.create) {
          item.textContent = option.label;
        } else {
          item.appendChild(element("span", "tag-chips-option-name", option.name));
          item.appendChild(element("span", "visually-hidden", ", "));
          item.appendChild(element("span", "tag-chips-option-detail", option.detail));
        }
        // Keep the focus in the input: the option is chosen on the click that follows.
        item.addEventListener("mousedown", function (event) { event.preventDefault(); });
        item.addEventListener("click", function () { choose(index); });
        list.appendChild(item);
      });
      var open = options.length > 0;
      list.hidden = !open;
      input.setAttribute("aria-expanded", open ? "true" : "false");
      active = -1;
      input.removeAttribute("aria-activedescendant");
      announce(open ? options.length + (options.length === 1 ? " suggestion" : " suggestions") +
        ": use the arrow keys." : (typed ? "No " + singular + " called “" + typed + "”." : ""));
    }

    function suggest() {
      var typed = input.value.trim();
      if (!typed) {
        close();
        return;
      }
      asked += 1;
      var ask = asked;
      fetch(source.dataset.tagSuggest + "?term=" + encodeURIComponent(typed), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          if (ask === asked && document.activeElement === input) draw(data.results, typed);
        })
        .catch(function () {});
    }

    function create(option) {
      var data = new FormData();
      if (csrf) data.append("csrfmiddlewaretoken", csrf.value);
      data.append("name", option.name);
      data.append("kind", option.create);
      close();
      fetch(source.dataset.tagCreate, { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) {
          return response.json().catch(function () { return {}; }).then(function (body) {
            return { ok: response.ok, body: body };
          });
        })
        .then(function (answer) {
          if (!answer.ok) {
            problem.textContent = answer.body.error || "The " + singular + " could not be created.";
            return;
          }
          addName(answer.body.name);
          announce((answer.body.created ? "Created " : "Added ") + answer.body.name + ", " + answer.body.detail + ".");
        })
        .catch(function () { problem.textContent = "The " + singular + " could not be created: try again."; });
    }

    function choose(index) {
      var option = options[index];
      if (!option) return;
      if (option.create) create(option);
      else addName(option.name);
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(suggest, DELAY_MS);
    });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && options.length > 0;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (!open) {
          suggest();
          return;
        }
        var step = event.key === "ArrowDown" ? 1 : -1;
        highlight((active + step + options.length) % options.length);
      } else if (event.key === "Enter") {
        if (!input.value.trim() && !open) return; // an empty box: Enter keeps its usual meaning
        event.preventDefault();
        if (open) choose(active >= 0 ? active : 0);
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      } else if (event.key === "Backspace" && !input.value && names.length) {
        event.preventDefault();
        removeName(names[names.length - 1]);
      }
    });
    input.addEventListener("blur", function () {
      window.setTimeout(close, 100);
    });
    // A name typed and not picked is not lost: it goes with the others, and the server checks it.
    if (source.form) {
      source.form.addEventListener("submit", function () {
        var typed = input.value.trim();
        source.value = (typed && !has(typed) ? names.concat([typed]) : names).join(", ");
      });
    }
    drawChips();
  }

  ready(function () {
    if (!window.fetch) return;
    document.querySelectorAll("input[data-tag-suggest]").forEach(enhance);
  });
})();
