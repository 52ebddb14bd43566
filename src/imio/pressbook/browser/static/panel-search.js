// The "Presse" control panel: each table's search filters its rows as one
// types (the same folding as the server's: no accents, no capitals). Without
// JavaScript the search is a GET form, answered by the server.
(function () {
  "use strict";
  var fold = function (text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  };
  document.querySelectorAll("form.pressbook-panel-search").forEach(function (form) {
    var input = form.querySelector("input[type=search]");
    var section = form.closest("section");
    var rows = Array.prototype.slice.call(section.querySelectorAll("tbody tr"));
    var shown = section.querySelector(".pressbook-shown");
    input.addEventListener("input", function () {
      var query = fold(input.value.trim());
      var count = 0;
      rows.forEach(function (row) {
        var match = !query || (row.dataset.search || "").indexOf(query) !== -1;
        row.hidden = !match;
        if (match) {
          count += 1;
        }
      });
      if (shown) {
        shown.textContent = count;
      }
    });
  });
})();
