/* The column's search page: Vietnamese queries against the Pagefind index in /pagefind/.
 *
 * The index holds terms, not text (see site_builder/search.py): folded syllables (`dien`),
 * folded pairs (`jthidua`), and their exact telex spellings (`wddieenr`, `zthiddua`). A query is
 * turned into the same terms here; `fold` and `telex` must stay identical to
 * site_builder/vietnamese/folding.py. Results show each article's card (tim-kiem/bai/…json):
 * the original title and lead, with the words the reader typed highlighted whatever their
 * marks. No innerHTML: editors' text stays text.
 */
(function () {
  "use strict";

  var PAGE_SIZE = 10;
  var TONES = { "\u0300": "f", "\u0301": "s", "\u0309": "r", "\u0303": "x", "\u0323": "j" };
  var MARKS = /[\u0300-\u036f]/g;
  var WORD = /[\p{L}\p{N}]+/gu;

  function fold(text) {
    return text.toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(MARKS, "");
  }

  function telex(syllable) {
    var spelled = "", tone = "", previous = "";
    for (var ch of syllable.toLowerCase().normalize("NFD")) {
      if (TONES[ch]) tone = TONES[ch];
      else if (ch === "\u0302") spelled += previous;
      else if (ch === "\u0306" || ch === "\u031b") spelled += "w";
      else if (/[\u0300-\u036f]/.test(ch)) continue;
      else if (ch === "đ") { spelled += "dd"; previous = "d"; }
      else { spelled += ch; previous = ch; }
    }
    return spelled + tone;
  }

  function syllables(query) {
    return query.normalize("NFC").toLowerCase().match(WORD) || [];
  }

  /* One syllable: the syllable; several: the pairs of neighbours (a phrase). Exact terms only
     when the reader typed marks (they rank exact matches first), and for at most two
     syllables: each exact term is one more index chunk to download. */
  function plan(query) {
    var words = syllables(query);
    var folded = words.map(fold), exact = words.map(telex);
    var typedMarks = words.some(function (word, i) { return word !== folded[i]; });
    var result = { words: folded, folded: [], exact: [] };
    if (words.length === 1) {
      result.folded = [folded[0]];
      result.exact = typedMarks ? ["w" + exact[0]] : [];
    }
    for (var i = 0; i + 1 < words.length; i++) {
      result.folded.push("j" + folded[i] + folded[i + 1]);
      if (typedMarks && words.length === 2) result.exact.push("z" + exact[i] + exact[i + 1]);
    }
    return result;
  }

  var script = document.currentScript;
  var siteRoot = new URL(script.dataset.siteRoot.replace(/\/?$/, "/"), location.href);
  var pagefind = null;

  function loadPagefind() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", siteRoot).href).then(function (module) {
        // baseUrl "/": result URLs stay relative to the site root, which siteRoot resolves.
        return module.options({ baseUrl: "/", excerptLength: 0, noWorker: true }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  /* Articles holding the terms (each quoted: whole terms, no prefix matching), those holding
     the most terms first, then in the order Pagefind gives: relevance, or newest first. So
     "gương điển hình" lists articles with the whole phrase before those with "điển hình" only;
     a term no article has costs nothing more to download. */
  function bestMatches(terms, options) {
    return loadPagefind().then(function (pf) {
      return Promise.all(terms.map(function (term) { return pf.search('"' + term + '"', options); }));
    }).then(function (searches) {
      var matched = new Map();
      searches.forEach(function (search) {
        (search ? search.results : []).forEach(function (r) {
          var entry = matched.get(r.id) || { result: r, count: 0, order: matched.size };
          entry.count += 1;
          matched.set(r.id, entry);
        });
      });
      return Array.from(matched.values()).sort(function (a, b) {
        return b.count - a.count || a.order - b.order;
      }).map(function (entry) { return entry.result; });
    });
  }

  function search(query, filters, newestFirst) {
    var terms = plan(query);
    if (!terms.folded.length) return Promise.resolve([]);
    var options = {};
    if (Object.keys(filters).length) options.filters = filters;
    if (newestFirst) options.sort = { date: "desc" };
    var exactSearch = terms.exact.length ? bestMatches(terms.exact, options) : Promise.resolve([]);
    return Promise.all([bestMatches(terms.folded, options), exactSearch]).then(function (found) {
      var folded = found[0], exact = found[1];
      if (!folded.length && terms.words.length > 1) {
        // No article has any two of the words side by side: look for each word anywhere.
        return bestMatches(terms.words, options);
      }
      var exactIds = new Set(exact.map(function (r) { return r.id; }));
      return exact.concat(folded.filter(function (r) { return !exactIds.has(r.id); }));
    });
  }

  /* `text` as nodes, the words the reader typed (compared folded) inside <mark>. */
  function highlighted(text, words) {
    var wanted = new Set(words), fragment = document.createDocumentFragment(), last = 0;
    text.replace(WORD, function (word, offset) {
      if (!wanted.has(fold(word))) return word;
      fragment.append(text.slice(last, offset));
      var mark = document.createElement("mark");
      mark.textContent = word;
      fragment.append(mark);
      last = offset + word.length;
      return word;
    });
    fragment.append(text.slice(last));
    return fragment;
  }

  function element(tag, className, children) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    (children || []).forEach(function (child) { node.append(child); });
    return node;
  }

  /* A result: the article's URL from Pagefind, what to show from its card (search.py). */
  function loadResult(result) {
    return result.data().then(function (data) {
      var path = data.url.replace(/^\/|\/$/g, "");
      return fetch(new URL("tim-kiem/bai/" + path + ".json", siteRoot)).then(function (response) {
        if (!response.ok) throw new Error(response.statusText);
        return response.json();
      }).then(function (card) {
        return { url: new URL(path + "/", siteRoot).href, card: card };
      });
    });
  }

  function resultCard(result, words) {
    var card = result.card;
    var link = element("a", "", [highlighted(card.title || "", words)]);
    link.href = result.url;
    return element("li", "col-card", [element("div", "col-card__text", [
      element("h2", "col-card__title", [link]),
      element("p", "col-meta", [[card.sections, card.date].filter(Boolean).join(" · ")]),
      element("p", "col-card__summary", [highlighted(card.summary || "", words)]),
    ])]);
  }

  var form = document.getElementById("col-search-form");
  var input = document.getElementById("col-search-q");
  var section = document.getElementById("col-search-section");
  var year = document.getElementById("col-search-year");
  var sort = document.getElementById("col-search-sort");
  var status = document.getElementById("col-search-status");
  var list = document.getElementById("col-search-results");
  var more = document.getElementById("col-search-more");
  var current = { results: [], shown: 0, words: [], run: 0 };

  function showMore() {
    var run = current.run, page = current.results.slice(current.shown, current.shown + PAGE_SIZE);
    return Promise.all(page.map(loadResult)).then(function (results) {
      if (run !== current.run) return;
      results.forEach(function (r) { list.append(resultCard(r, current.words)); });
      current.shown += page.length;
      more.hidden = current.shown >= current.results.length;
    });
  }

  function readForm() {
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    section.value = params.get("muc") || "";
    year.value = params.get("nam") || "";
    sort.value = params.get("xep") || "";
  }

  function writeUrl() {
    var params = new URLSearchParams();
    if (input.value.trim()) params.set("q", input.value.trim());
    if (section.value) params.set("muc", section.value);
    if (year.value) params.set("nam", year.value);
    if (sort.value) params.set("xep", sort.value);
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  function run() {
    var query = input.value.trim(), filters = {};
    var runId = ++current.run;
    list.replaceChildren();
    more.hidden = true;
    if (!query) {
      status.textContent = "Nhập từ khóa, có dấu hoặc không dấu: ví dụ «gương điển hình» hoặc «guong dien hinh».";
      return Promise.resolve();
    }
    // Filter values as site_builder/search.py writes them (opaque, so no query can meet them).
    if (section.value) filters.section = "f" + section.value.replace(/-/g, "");
    if (year.value) filters.year = "y" + year.value;
    status.textContent = "Đang tìm…";
    return search(query, filters, sort.value === "moi").then(function (results) {
      if (runId !== current.run) return;
      current.results = results;
      current.shown = 0;
      current.words = plan(query).words;
      return showMore().then(function () {
        if (runId !== current.run) return;
        status.textContent = results.length
          ? "Tìm thấy " + results.length + " bài cho «" + query + "»."
          : "Không tìm thấy bài nào cho «" + query + "». Thử từ khóa khác hoặc bỏ bớt bộ lọc.";
      });
    }).catch(function () {
      if (runId === current.run) status.textContent = "Chưa tải được chỉ mục tìm kiếm. Vui lòng thử lại.";
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    writeUrl();
    run();
  });
  [section, year, sort].forEach(function (control) {
    control.addEventListener("change", function () { writeUrl(); run(); });
  });
  more.addEventListener("click", showMore);
  readForm();
  run();
  if (!input.value) input.focus();
})();
