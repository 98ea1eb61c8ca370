/* luoshi web: small vanilla JS, no dependencies.
   - fact details on hover / focus / click in the report text
   - /report/{id}#c{start}[-{end}] scrolls to and marks that place (offsets in characters of the clean text)
   - drag-and-drop on the upload form */
(function () {
  "use strict";

  function readJSON(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function fmt(x) {
    if (x === null || x === undefined) return "";
    var n = Number(x);
    if (!isFinite(n)) return String(x);
    return Math.abs(n) >= 1e4 ? n.toLocaleString("en-US", {maximumFractionDigits: 2}) : String(Math.round(n * 1e4) / 1e4);
  }

  /* ---------- fact details ---------- */
  function setupFacts() {
    var text = document.getElementById("report-text");
    var tip = document.getElementById("fact-tip");
    var facts = readJSON("facts-data");
    var words = readJSON("i18n-data") || {};
    if (!text || !tip || !facts) return;

    function row(label, value) {
      if (value === "" || value === null || value === undefined) return null;
      var tr = document.createElement("tr");
      var th = document.createElement("th");
      var td = document.createElement("td");
      th.textContent = label;
      td.textContent = value;
      tr.appendChild(th);
      tr.appendChild(td);
      return tr;
    }

    function show(span) {
      var f = facts[Number(span.getAttribute("data-i"))];
      if (!f) return;
      tip.textContent = "";
      var table = document.createElement("table");
      var high = (f.high !== null && f.high !== undefined) ? "–" + fmt(f.high) : "";
      var value = f.value_shown !== undefined ? f.value_shown :
        (f.value === null ? "" : fmt(f.value) + high + " " + (f.unit || ""));
      var growth = f.growth_shown !== undefined ? f.growth_shown :
        (f.growth === null ? "" : (f.growth > 0 ? "+" : "") + fmt(f.growth) + (f.growth_unit || ""));
      var rank = f.rank ? (f.rank.scope || "") + " #" + (f.rank.n || "") : "";
      var metric = f.metric_name ? f.metric_name + " (" + f.metric + ")" : (f.metric || f.metric_text);
      [
        row(words.status || "status", (words.statuses || {})[f.status] || f.status),
        row(words.metric || "metric", metric),
        row(words.value || "value", value.trim()),
        row(words.value_text || "as written", f.value_text),
        row(words.growth || "growth", growth),
        row(words.bound || "bound", (words.bounds || {})[f.bound] || f.bound),
        row(words.period || "period", f.period),
        row(words.rank || "rank", rank)
      ].forEach(function (r) { if (r) table.appendChild(r); });
      tip.appendChild(table);
      tip.hidden = false;
      var box = span.getBoundingClientRect();
      var maxLeft = window.scrollX + document.documentElement.clientWidth - 340;
      tip.style.left = Math.max(8, Math.min(window.scrollX + box.left, maxLeft)) + "px";
      tip.style.top = (window.scrollY + box.bottom + 6) + "px";
      var active = text.querySelector(".fact.active");
      if (active) active.classList.remove("active");
      span.classList.add("active");
    }

    function factOf(ev) {
      return ev.target.closest ? ev.target.closest(".fact[data-i]") : null;
    }
    ["mouseover", "focusin", "click"].forEach(function (type) {
      text.addEventListener(type, function (ev) { var s = factOf(ev); if (s) show(s); });
    });
    document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") tip.hidden = true; });
  }

  /* ---------- jump to an offset ---------- */
  function cpLength(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0xDC00 || c > 0xDFFF) n++;  // a low surrogate does not start a character
    }
    return n;
  }

  function cpToIndex(s, cp) {
    var i = 0, n = 0;
    while (n < cp && i < s.length) {
      var c = s.charCodeAt(i);
      i += (c >= 0xD800 && c <= 0xDBFF) ? 2 : 1;
      n++;
    }
    return i;
  }

  function clearMarks(root) {
    root.querySelectorAll("mark.jump").forEach(function (m) {
      var parent = m.parentNode;
      while (m.firstChild) parent.insertBefore(m.firstChild, m);
      parent.removeChild(m);
      parent.normalize();
    });
  }

  function markRange(root, start, end) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var nodes = [], pos = 0, node;
    while ((node = walker.nextNode())) {
      var len = cpLength(node.data);
      if (pos + len > start && pos < end) nodes.push({node: node, from: pos});
      pos += len;
      if (pos >= end) break;
    }
    var first = null;
    nodes.forEach(function (item) {
      var n = item.node;
      var a = Math.max(0, start - item.from), b = Math.min(cpLength(n.data), end - item.from);
      var middle = n.splitText(cpToIndex(n.data, a));
      middle.splitText(cpToIndex(middle.data, b - a));
      var mark = document.createElement("mark");
      mark.className = "jump";
      middle.parentNode.insertBefore(mark, middle);
      mark.appendChild(middle);
      if (!first) { first = mark; mark.id = "jump-target"; }
    });
    return first;
  }

  function jumpToHash() {
    var root = document.getElementById("report-text");
    var m = /^#c(\d+)(?:-(\d+))?$/.exec(window.location.hash);
    if (!root || !m) return;
    var start = Number(m[1]);
    var end = m[2] ? Number(m[2]) : null;
    if (end === null || end <= start) {  // no end given: mark to the end of the line (a section title)
      var full = root.textContent, idx = cpToIndex(full, start), nl = full.indexOf("\n", idx);
      end = start + Math.max(1, Math.min(200, cpLength(full.slice(idx, nl < 0 ? full.length : nl))));
    }
    clearMarks(root);
    var mark = markRange(root, start, end);
    if (mark) mark.scrollIntoView({block: "center"});
  }

  /* ---------- upload drop zone ---------- */
  function setupUpload() {
    var form = document.getElementById("upload-form");
    var input = document.getElementById("file");
    var label = document.getElementById("drop-label");
    if (!form || !input) return;
    input.addEventListener("change", function () {
      if (input.files.length && label) label.textContent = input.files[0].name;
    });
    ["dragenter", "dragover"].forEach(function (type) {
      form.addEventListener(type, function (ev) { ev.preventDefault(); form.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (type) {
      form.addEventListener(type, function () { form.classList.remove("over"); });
    });
    form.addEventListener("drop", function (ev) {
      ev.preventDefault();
      if (ev.dataTransfer && ev.dataTransfer.files.length) {
        input.files = ev.dataTransfer.files;
        form.submit();
      }
    });
  }

  /* ---------- parts loaded after the page: the verdicts table, the original text ---------- */
  function setupPlans() {  // the plans' verdicts are judged only when their section is opened
    var plans = document.getElementById("verdicts-plans");
    var target = document.getElementById("verdicts-plans-box");
    if (!plans || !target) return;
    plans.addEventListener("toggle", function () {
      if (!plans.open || plans.getAttribute("data-loaded")) return;
      plans.setAttribute("data-loaded", "1");
      fetch(plans.getAttribute("data-src"), {credentials: "same-origin"})
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
        .then(function (html) { target.innerHTML = html; })  // a server-rendered, escaped fragment
        .catch(function () { plans.classList.add("failed"); });
    });
  }

  function setupLazy() {
    var box = document.getElementById("verdicts-box");
    if (box) {
      fetch(box.getAttribute("data-src"), {credentials: "same-origin"})
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
        .then(function (html) { box.innerHTML = html; setupPlans(); })  // a server-rendered, escaped fragment
        .catch(function () { box.classList.add("failed"); });
    }
    var raw = document.getElementById("raw");
    var pre = document.getElementById("raw-text");
    if (raw && pre) {
      raw.addEventListener("toggle", function () {
        if (!raw.open || pre.getAttribute("data-loaded")) return;
        pre.setAttribute("data-loaded", "1");
        fetch(raw.getAttribute("data-src"), {credentials: "same-origin"})
          .then(function (r) { return r.text(); })
          .then(function (text) { pre.textContent = text; });  // plain text, never parsed as HTML
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupLazy();
    setupFacts();
    setupUpload();
    jumpToHash();
    window.addEventListener("hashchange", jumpToHash);
  });
})();
