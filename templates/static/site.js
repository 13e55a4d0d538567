// shuyu's only script: search as you type over an index written at build time (loaded on
// first use, so pages stay light), and copy buttons. Every page works without it.
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";
  var RANK = { headword: 0, rendering: 1, prefix: 2, substring: 3 };
  var STATUS = { preferred: 0, admitted: 1, deprecated: 2, superseded: 3 };

  // The same folding as src/search.rs: no accents, lower case, œ/æ spelt out, one space
  // between runs of letters and digits.
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/œ/g, "oe").replace(/æ/g, "ae")
      .replace(/[^\p{L}\p{N}]+/gu, " ").trim().normalize("NFC");
  }
  function hasHan(s) { return /[\u3400-\u9fff]/.test(s); }
  function plain(key, q, exact) {
    if (!q) return -1;
    if (key === q) return exact;
    if (key.indexOf(q) === 0) return RANK.prefix;
    if (key.indexOf(q) > 0) return RANK.substring;
    return -1;
  }
  function rank(form, q) {
    var kind = form[0], key = form[4], r;
    if (kind === "zh" || kind === "hant") return plain(key, q.raw, RANK.headword);
    if (kind === "pinyin") {
      if (!q.pinyin || /[^\x00-\x7f]/.test(q.pinyin)) return -1;
      r = plain(key, q.pinyin, RANK.headword);
      return r === RANK.substring && q.pinyin.length < 4 ? -1 : r;
    }
    r = plain(key, q.folded, RANK.rendering);
    return r === RANK.substring && key.indexOf(" " + q.folded) < 0 ? -1 : r;
  }
  function search(text, limit) {
    var index = window.SHUYU_INDEX || [];
    var folded = fold(text);
    var q = { raw: text.trim(), folded: folded, pinyin: folded.replace(/[\s0-9]/g, "") };
    if (!q.raw || (!folded && !hasHan(q.raw))) return [];
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var e = index[i], best = null;
      for (var j = 0; j < e[4].length; j++) {
        var f = e[4][j], r = rank(f, q);
        if (r < 0) continue;
        if (!best || r < best.rank || (r === best.rank && STATUS[f[2]] < STATUS[best.form[2]])) best = { rank: r, form: f };
      }
      if (best) hits.push({ entry: e, rank: best.rank, form: best.form });
    }
    hits.sort(function (a, b) {
      return a.rank - b.rank || STATUS[a.form[2]] - STATUS[b.form[2]] ||
        [...a.entry[1]].length - [...b.entry[1]].length || (a.entry[0] < b.entry[0] ? -1 : 1);
    });
    return hits.slice(0, limit);
  }
  window.shuyuSearch = search;

  function loadIndex(then) {
    if (window.SHUYU_INDEX) return then();
    var s = document.createElement("script");
    s.src = root + "search-index.js";
    s.onload = then;
    document.head.appendChild(s);
  }
  function href(id) { return root + "concepts/" + id + "/index.html"; }
  function el(tag, cls, text, lang) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text) n.textContent = text;
    if (lang) n.lang = lang;
    return n;
  }
  function langOf(form) { return form[1] === "zh" ? (form[0] === "hant" ? "zh-Hant" : "zh-Hans") : form[1]; }
  // One result: headword, pinyin, English, and the form that matched when it is another.
  function item(hit, tag) {
    var e = hit.entry, f = hit.form, li = el(tag);
    var a = el("a"); a.href = href(e[0]);
    if (e[1]) a.appendChild(el("span", "zh", e[1], "zh-Hans"));
    if (e[2]) { a.appendChild(document.createTextNode(" ")); a.appendChild(el("span", "py", e[2])); }
    if (e[3]) { a.appendChild(document.createTextNode(" ")); a.appendChild(el("span", "", e[3], "en")); }
    li.appendChild(a);
    if (f[3] !== e[1] && f[3] !== e[2] && f[3] !== e[3] || f[2] !== "preferred") {
      var via = el("span", "via");
      via.appendChild(el("span", "", f[3], langOf(f)));
      via.appendChild(document.createTextNode(" · " + f[1] + " · " + f[2]));
      li.appendChild(via);
    }
    return li;
  }

  function combobox(input) {
    var list = document.getElementById("q-results"), active = -1, hits = [];
    function close() { list.hidden = true; input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant"); active = -1; }
    function select(i) {
      var items = list.children;
      if (active >= 0 && items[active]) items[active].setAttribute("aria-selected", "false");
      active = i;
      if (i >= 0 && items[i]) { items[i].setAttribute("aria-selected", "true"); input.setAttribute("aria-activedescendant", items[i].id); items[i].scrollIntoView({ block: "nearest" }); }
    }
    function update() {
      loadIndex(function () {
        hits = search(input.value, 12);
        list.textContent = "";
        hits.forEach(function (h, i) {
          var li = item(h, "li"); li.id = "q-opt-" + i; li.setAttribute("role", "option"); li.setAttribute("aria-selected", "false");
          li.addEventListener("mousedown", function (ev) { ev.preventDefault(); location.href = href(h.entry[0]); });
          list.appendChild(li);
        });
        if (!hits.length && input.value.trim()) {
          var none = el("li", "", "No concept matches “" + input.value.trim() + "”."); none.id = "q-opt-none"; none.setAttribute("role", "option"); none.setAttribute("aria-disabled", "true"); none.setAttribute("aria-selected", "false");
          list.appendChild(none);
        }
        var open = list.children.length > 0;
        list.hidden = !open; input.setAttribute("aria-expanded", open ? "true" : "false"); active = -1; input.removeAttribute("aria-activedescendant");
        if (open && hits.length) select(0);
      });
    }
    input.addEventListener("input", update);
    input.addEventListener("focus", function () { loadIndex(function () {}); });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown" && hits.length) { ev.preventDefault(); select(Math.min(active + 1, hits.length - 1)); }
      else if (ev.key === "ArrowUp" && hits.length) { ev.preventDefault(); select(Math.max(active - 1, 0)); }
      else if (ev.key === "Enter" && active >= 0 && hits[active]) { ev.preventDefault(); location.href = href(hits[active].entry[0]); }
      else if (ev.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  function searchPage(box) {
    var q = new URLSearchParams(location.search).get("q") || "";
    var input = document.getElementById("q");
    if (input) input.value = q;
    if (!q) return;
    loadIndex(function () {
      var hits = search(q, 50);
      box.appendChild(el("p", "", hits.length + " concept" + (hits.length === 1 ? "" : "s") + " match “" + q + "”."));
      var ol = el("ol", "hits");
      hits.forEach(function (h) { ol.appendChild(item(h, "li")); });
      box.appendChild(ol);
    });
  }

  function copyButtons() {
    if (!navigator.clipboard) return;
    document.querySelectorAll("button.copy").forEach(function (b) {
      b.hidden = false;
      b.addEventListener("click", function () {
        navigator.clipboard.writeText(b.getAttribute("data-copy")).then(function () {
          b.textContent = "Copied"; setTimeout(function () { b.textContent = "Copy"; }, 1500);
        });
      });
    });
  }

  var input = document.getElementById("q");
  if (input) combobox(input);
  var page = document.getElementById("search-page");
  if (page) searchPage(page);
  copyButtons();
})();
