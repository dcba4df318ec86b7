// Make every data table sortable by clicking its header (Material's tablesort recipe).
// Works with instant navigation (document$) and without it; tables stay readable with JS off.
(function () {
  function sortTables() {
    document.querySelectorAll("article table:not([class])").forEach(function (table) {
      if (!table.dataset.sortable) {
        table.dataset.sortable = "true";
        new Tablesort(table);
      }
    });
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(sortTables);
  } else {
    document.addEventListener("DOMContentLoaded", sortTables);
  }
})();
