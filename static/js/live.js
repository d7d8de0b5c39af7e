// A live story's page: new entries appear without a reload (templates/liveblogs/_entries.html).
// Polls the story's update endpoint with the ETag it last got (a 304 until the next entry),
// inserts new entries at the top when the reader is there, and otherwise offers a button, so
// what the reader is reading never moves. Screen readers hear "N new updates" (aria-live polite).
(function () {
  "use strict";
  var live = document.querySelector(".live[data-updates]");
  if (!live || !live.dataset.firstPage || !window.fetch) return;
  var list = live.querySelector(".live-entries");
  var announcer = live.querySelector(".live-announcer");
  var newBox = live.querySelector(".live-new");
  var newButton = live.querySelector(".live-new-button");
  var seconds = Math.max(1, parseInt(live.dataset.seconds, 10) || 15);
  var etag = null;
  var waiting = [];  // new entries held back while the reader is further down
  var highlights = live.querySelector(".live-highlights");
  var highlightsHtml = null;  // the pinned entry and key events as last received
  var highlightsWaiting = null;

  function entryNodes() {
    return Array.prototype.slice.call(list.querySelectorAll(".live-entry[data-entry]"));
  }

  function fromHtml(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  function plural(count) {
    return count === 1 ? "1 new update" : count + " new updates";
  }

  function readerIsAtTop() {
    return list.getBoundingClientRect().top >= 0;
  }

  function insertWaiting() {
    var empty = list.querySelector(".live-empty");
    if (empty) empty.remove();
    for (var i = waiting.length - 1; i >= 0; i--) list.insertBefore(waiting[i], list.firstChild);
    announcer.textContent = plural(waiting.length);
    waiting = [];
    newBox.hidden = true;
    showHighlights();
  }

  function showHighlights() {
    if (highlightsWaiting !== null) highlights.innerHTML = highlightsWaiting;
    highlightsWaiting = null;
  }

  function ended() {
    document.querySelectorAll(".live-badge").forEach(function (badge) { badge.remove(); });
  }

  function apply(data) {
    if (!data.live) ended();
    if (highlightsHtml !== null && data.highlights !== highlightsHtml) highlightsWaiting = data.highlights;
    highlightsHtml = data.highlights;
    // The top of the blog changes only while the reader is there (or when they ask for the updates).
    if (highlights.getBoundingClientRect().top >= 0) showHighlights();
    var shown = {};
    entryNodes().forEach(function (node) { shown[node.dataset.entry] = node; });
    waiting.forEach(function (node) { shown[node.dataset.entry] = node; });
    var fresh = [];
    var sent = {};
    data.entries.forEach(function (entry) {
      sent[entry.id] = true;
      var node = shown[entry.id];
      if (!node) {
        fresh.push(fromHtml(entry.html));
      } else if (String(entry.version) !== node.dataset.version) {
        node.replaceWith(fromHtml(entry.html));  // an edit, in place
      }
    });
    var oldest = data.entries.length ? data.entries[data.entries.length - 1].id : Infinity;
    entryNodes().forEach(function (node) {
      // Deleted, or back to draft: gone from the newest entries it belongs among.
      if (!sent[node.dataset.entry] && Number(node.dataset.entry) > oldest) node.remove();
    });
    if (!fresh.length) return;
    waiting = fresh.concat(waiting);
    if (readerIsAtTop()) {
      insertWaiting();
    } else {
      newButton.textContent = "Show " + plural(waiting.length);
      newBox.hidden = false;
      announcer.textContent = plural(waiting.length);
    }
  }

  function poll() {
    var headers = etag ? { "If-None-Match": etag } : {};
    fetch(live.dataset.updates, { headers: headers, cache: "no-store", credentials: "omit" })
      .then(function (response) {
        if (response.status !== 200) return null;
        etag = response.headers.get("ETag");
        return response.json();
      })
      .then(function (data) { if (data) apply(data); })
      .catch(function () { /* offline for a moment: the next poll tries again */ })
      .then(function () { window.setTimeout(poll, seconds * 1000); });
  }

  newButton.addEventListener("click", function () {
    insertWaiting();
    live.scrollIntoView({ block: "start" });
  });
  window.setTimeout(poll, seconds * 1000);
})();
