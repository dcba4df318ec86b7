// A filter box above each long data table: type words, see only the rows containing all
// of them. The filter is kept in the address (#filter=words), so a filtered view can be
// bookmarked and shared, also from a folder on disk. With JavaScript off the full table
// is there as before; the static per-region-per-year, per-party and per-clause pages are
// the permanent filtered views.
//
// The address comes from whoever wrote the link: a malformed escape (#filter=%,
// #filter=%E0%A4%A) is read as the text it is instead of throwing "URI malformed", and a
// filter longer than MAX_FILTER characters is cut, so that no link can remove the boxes
// or make filtering slow.
(function () {
  // Only long tables get a box: a short one is read at a glance (issue 23: a 9-row table had one).
  var MIN_ROWS = 15;
  var MAX_FILTER = 200;
  function decode(text) {
    try {
      return decodeURIComponent(text);
    } catch (e) {
      // decode what is well formed, keep the rest as written
      return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, function (run) {
        try { return decodeURIComponent(run); } catch (e2) { return run; }
      });
    }
  }
  function wanted() {
    var match = /(?:^#|&)filter=([^&]*)/.exec(window.location.hash);
    return match ? decode(match[1].replace(/\+/g, " ")).slice(0, MAX_FILTER) : "";
  }
  function apply(table, text, status) {
    var words = text.slice(0, MAX_FILTER).toLowerCase().split(/\s+/).filter(Boolean);
    var rows = table.tBodies[0] ? table.tBodies[0].rows : [];
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var content = rows[i].textContent.toLowerCase();
      var keep = words.every(function (word) { return content.indexOf(word) !== -1; });
      rows[i].hidden = !keep;
      if (keep) shown++;
    }
    status.textContent = words.length ? shown + " of " + rows.length + " rows" : rows.length + " rows";
  }
  function remember(text) {
    var hash = text ? "#filter=" + encodeURIComponent(text) : " ";
    try { history.replaceState(null, "", hash === " " ? window.location.pathname + window.location.search : hash); }
    catch (e) { /* some file:// contexts refuse; the filter still works */ }
  }
  function addFilters() {
    var initial = wanted();
    document.querySelectorAll("article table").forEach(function (table, index) {
      if (table.dataset.filter || !table.tBodies[0] || table.tBodies[0].rows.length < MIN_ROWS) return;
      if (table.closest("details")) return;
      table.dataset.filter = "true";
      var box = document.createElement("div");
      box.className = "briefing-filter";
      var label = document.createElement("label");
      var input = document.createElement("input");
      input.type = "search";
      input.maxLength = MAX_FILTER;
      input.id = "briefing-filter-" + index;
      label.htmlFor = input.id;
      label.textContent = "Filter rows";
      var status = document.createElement("span");
      status.setAttribute("role", "status");
      box.append(label, input, status);
      var wrapper = table.closest(".md-typeset__scrollwrap") || table;
      wrapper.parentNode.insertBefore(box, wrapper);
      input.value = initial;
      apply(table, initial, status);
      input.addEventListener("input", function () {
        apply(table, input.value, status);
        remember(input.value.trim());
      });
    });
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(addFilters);
  } else {
    document.addEventListener("DOMContentLoaded", addFilters);
  }
})();
