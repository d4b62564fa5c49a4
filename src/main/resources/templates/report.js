(function () {
  "use strict";
  var PAGE = 50;
  var input = document.getElementById("q");
  if (!input) {
    return;
  }
  var found = document.getElementById("found");
  var tables = Array.prototype.slice.call(document.querySelectorAll("table.rows"));
  var pages = tables.map(function () { return 0; });

  function rowsOf(table) {
    return Array.prototype.slice.call(table.tBodies[0].rows);
  }

  function holderOf(table) {
    var d = table.closest("details");
    return d || table.closest("section");
  }

  function pager(table, index) {
    var rows = rowsOf(table);
    var box = table.nextElementSibling;
    if (!box || !box.classList.contains("pager")) {
      return;
    }
    if (rows.length <= PAGE || input.value.trim() !== "") {
      box.hidden = true;
      return;
    }
    var last = Math.ceil(rows.length / PAGE) - 1;
    var page = pages[index];
    var from = page * PAGE;
    var to = Math.min(rows.length, from + PAGE);
    rows.forEach(function (row, i) { row.hidden = page >= 0 && (i < from || i >= to); });
    box.hidden = false;
    box.textContent = "";
    var text = document.createElement("span");
    text.textContent = page < 0
      ? "All " + rows.length + " shown"
      : "Showing " + (from + 1) + "\u2013" + to + " of " + rows.length;
    box.appendChild(text);
    function button(label, target) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = label;
      b.addEventListener("click", function () { pages[index] = target; pager(table, index); });
      box.appendChild(b);
    }
    if (page > 0) { button("Previous " + PAGE, page - 1); }
    if (page >= 0 && page < last) { button("Next " + PAGE, page + 1); }
    if (page >= 0) { button("Show all", -1); } else { button("Show pages", 0); }
  }

  function search() {
    var terms = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    var matches = 0;
    tables.forEach(function (table, index) {
      var holder = holderOf(table);
      var any = false;
      rowsOf(table).forEach(function (row) {
        var text = row.getAttribute("data-s") || "";
        var hit = terms.every(function (t) { return text.indexOf(t) >= 0; });
        row.hidden = !hit;
        if (hit) { any = true; matches++; }
      });
      if (terms.length === 0) {
        holder.hidden = false;
        if (holder.tagName === "DETAILS") { holder.open = holder.hasAttribute("data-open"); }
        pager(table, index);
      } else {
        holder.hidden = !any;
        if (holder.tagName === "DETAILS") { holder.open = any; }
        pager(table, index);
      }
    });
    found.textContent = terms.length === 0 ? "" : matches === 1 ? "1 line matches" : matches + " lines match";
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 80);
  });
  function all(open) {
    document.querySelectorAll("details.school").forEach(function (d) { d.open = open; });
  }
  document.getElementById("open-all").addEventListener("click", function () { all(true); });
  document.getElementById("close-all").addEventListener("click", function () { all(false); });
  window.addEventListener("beforeprint", function () { all(true); });
  document.querySelectorAll("details.school[open]").forEach(function (d) { d.setAttribute("data-open", ""); });
  tables.forEach(function (table, index) { pager(table, index); });
  document.getElementById("tools").hidden = false;
})();
