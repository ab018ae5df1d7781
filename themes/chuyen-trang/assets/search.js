/* The column's search page: Vietnamese queries against the Pagefind index in /pagefind/.
 *
 * The index holds terms, not text (see site_builder/search.py): folded syllables (`dienzz`)
 * everywhere; for titles and leads also their exact telex spellings (`dienzddieenrz`) and folded
 * pairs of neighbouring syllables (`dienzjhinhzz`). A query is turned into the same terms here;
 * `fold` and `telex` must stay identical to site_builder/vietnamese/folding.py. Results show each
 * article's card (tim-kiem/bai/<id>.json): the original title, and the sentence holding the
 * reader's words (or the lead), with those words highlighted whatever their marks; the card's
 * sentences also tell whether the words stand side by side (the body has no pairs in the index).
 * Pagefind and the ranking run in search-worker.js; this page plans the terms, fetches the
 * cards of the ids it returns and shows them. No innerHTML: editors' text stays text.
 */
(function () {
  "use strict";

  var PAGE_SIZE = 10;
  var CARDS_PER_STEP = 2 * PAGE_SIZE;  // at most, for a quoted phrase whose words seldom stand together
  var EXACT = "z", PAIR = "zj", FOLDED = "zz";  // as site_builder/search.py writes the terms
  var WINDOW = 30;  // words shown around the match in a long sentence
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

  function unique(list) {
    return Array.from(new Set(list));
  }

  /* The terms of a query: each word's folded syllable, and the pairs of neighbouring words
     (found in titles and leads). Exact terms only when the reader typed marks (they rank exact
     matches first): the index has them for titles and leads, and each sorts next to its folded
     term, as the pairs do, so they cost no more chunk to download. Quotes ("gương điển hình")
     ask for the words side by side and in that order. */
  function plan(query) {
    var words = syllables(query);
    var folded = words.map(fold), exact = words.map(telex);
    var typedMarks = words.some(function (word, i) { return word !== folded[i]; });
    var pairs = [];
    for (var i = 0; i + 1 < words.length; i++) pairs.push(folded[i] + PAIR + folded[i + 1] + FOLDED);
    return {
      words: folded,
      syllables: unique(folded.map(function (word) { return word + FOLDED; })),
      pairs: unique(pairs),
      exact: typedMarks ? unique(folded.map(function (word, i) { return word + EXACT + exact[i] + EXACT; })) : [],
      phrase: /["“”]/.test(query) && words.length > 1,
    };
  }

  var script = document.currentScript;
  var siteRoot = new URL(script.dataset.siteRoot.replace(/\/?$/, "/"), location.href);

  /* The articles found, best first, as Pagefind ids: searched and ranked in search-worker.js,
     so that a phone's main thread stays free while thousands of matches are tallied. */
  var worker = null, waiting = new Map(), requests = 0;

  function startWorker() {
    var started = new Worker(new URL("assets/search-worker.js", siteRoot), { type: "module" });
    started.onmessage = function (event) {
      var reply = event.data, request = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (reply.error) request.reject(new Error(reply.error));
      else request.resolve(reply.ids);
    };
    started.onerror = function () {
      waiting.forEach(function (request) { request.reject(new Error("search worker failed")); });
      waiting.clear();
      worker = null;
    };
    return started;
  }

  function search(terms, filters, newestFirst) {
    if (!terms.syllables.length) return Promise.resolve([]);
    worker = worker || startWorker();
    return new Promise(function (resolve, reject) {
      var id = ++requests;
      waiting.set(id, { resolve: resolve, reject: reject });
      worker.postMessage({ id: id, terms: terms, filters: filters, newestFirst: newestFirst });
    });
  }

  function foldedWords(text) {
    return (text.match(WORD) || []).map(fold);
  }

  /* How well a text matches: the number of the query's words in it, and whether the phrase
     stands in it whole (its words side by side, in order). */
  function matchOf(text, terms) {
    var have = foldedWords(text), wanted = new Set(terms.words), seen = new Set();
    have.forEach(function (word) { if (wanted.has(word)) seen.add(word); });
    return { count: seen.size, phrase: runAt(have, terms.words) >= 0 };
  }

  function runAt(have, words) {
    for (var i = 0; i + words.length <= have.length; i++) {
      var j = 0;
      while (j < words.length && have[i + j] === words[j]) j++;
      if (j === words.length) return i;
    }
    return -1;
  }

  /* The words of `sentence` around the query's words: the whole sentence when short, else
     the window of WINDOW words holding most of them. */
  function windowOf(sentence, terms) {
    var tokens = sentence.split(/\s+/).filter(Boolean);
    if (tokens.length <= WINDOW) return sentence;
    var wanted = new Set(terms.words), bestStart = 0, bestCount = -1;
    for (var start = 0; start + WINDOW <= tokens.length; start++) {
      var seen = new Set();
      tokens.slice(start, start + WINDOW).forEach(function (token) {
        foldedWords(token).forEach(function (word) { if (wanted.has(word)) seen.add(word); });
      });
      if (seen.size > bestCount) { bestCount = seen.size; bestStart = start; }
    }
    var text = tokens.slice(bestStart, bestStart + WINDOW).join(" ");
    return (bestStart > 0 ? "… " : "") + text + (bestStart + WINDOW < tokens.length ? " …" : "");
  }

  /* What a result shows under its title: the sentence of the article that holds most of the
     query's words (the whole phrase first), or the lead when the title or the lead match as
     well, and whether the card holds the phrase whole. Null when the card does not hold a
     quoted phrase whole. */
  function snippet(card, terms) {
    var best = null, bestMatch = { count: 0, phrase: false };
    (card.text || []).forEach(function (sentence) {
      var match = matchOf(sentence, terms);
      if (match.phrase > bestMatch.phrase || (match.phrase === bestMatch.phrase && match.count > bestMatch.count)) {
        best = sentence;
        bestMatch = match;
      }
    });
    var heading = [matchOf(card.title || "", terms), matchOf(card.summary || "", terms)];
    var headingPhrase = heading.some(function (m) { return m.phrase; });
    if (terms.phrase && !headingPhrase && !bestMatch.phrase) return null;
    var headingCount = Math.max(heading[0].count, heading[1].count);
    var phrase = headingPhrase || bestMatch.phrase;
    if (!best || headingPhrase || (!bestMatch.phrase && headingCount >= bestMatch.count)) {
      return { text: card.summary || "", lead: true, phrase: phrase };
    }
    return { text: windowOf(best, terms), lead: false, phrase: phrase };
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

  /* A result's card (search.py), named by Pagefind's id of the article: no fragment to load. */
  function loadCard(id) {
    return fetch(new URL("tim-kiem/bai/" + id + ".json", siteRoot)).then(function (response) {
      if (!response.ok) throw new Error(response.statusText);
      return response.json();
    });
  }

  function resultCard(card, shown, words) {
    var link = element("a", "", [highlighted(card.title || "", words)]);
    link.href = new URL(card.url, siteRoot).href;
    return element("li", "col-card", [element("div", "col-card__text", [
      element("h2", "col-card__title", [link]),
      element("p", "col-meta", [[card.sections, card.date].filter(Boolean).join(" · ")]),
      element("p", shown.lead ? "col-card__summary" : "col-card__summary col-search__snippet",
              [highlighted(shown.text, words)]),
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
  var current = { query: "", terms: null, newestFirst: false, results: [], next: 0, shown: 0, dropped: 0, run: 0 };

  /* The next PAGE_SIZE results (a quoted phrase's candidates whose card does not hold it whole
     are left out and no longer counted; at most CARDS_PER_STEP cards are read for them, the rest
     wait for "Xem thêm"), then the count and the "Xem thêm" button. Ranked by
     relevance, the results of each batch whose card holds the words side by side come first. */
  function showMore(focusFirst) {
    var runId = current.run, added = [], loaded = 0;
    function next() {
      if (added.length >= PAGE_SIZE || loaded >= CARDS_PER_STEP || current.next >= current.results.length) {
        return Promise.resolve();
      }
      var batch = current.results.slice(current.next, current.next + PAGE_SIZE - added.length);
      current.next += batch.length;
      loaded += batch.length;
      return Promise.all(batch.map(loadCard)).then(function (cards) {
        if (runId !== current.run) return;
        var shown = cards.map(function (card) { return { card: card, shown: snippet(card, current.terms) }; });
        current.dropped += shown.filter(function (result) { return !result.shown; }).length;
        shown = shown.filter(function (result) { return result.shown; });
        if (!current.newestFirst) shown.sort(function (a, b) { return b.shown.phrase - a.shown.phrase; });
        shown.forEach(function (result) {
          var item = resultCard(result.card, result.shown, current.terms.words);
          list.append(item);
          added.push(item);
        });
        return next();
      });
    }
    return next().then(function () {
      if (runId !== current.run) return;
      current.shown += added.length;
      var total = current.results.length - current.dropped, left = total - current.shown;
      status.textContent = total
        ? "Tìm thấy " + total + " bài cho «" + current.query + "»."
        : "Không tìm thấy bài nào cho «" + current.query + "». Thử từ khóa khác hoặc bỏ bớt bộ lọc.";
      more.hidden = current.next >= current.results.length;
      more.textContent = "Xem thêm (còn " + left + " bài)";
      // A keyboard user goes on from the first new result.
      if (focusFirst && added.length) added[0].querySelector("a").focus();
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
    var terms = plan(query);
    var newestFirst = sort.value === "moi";
    return search(terms, filters, newestFirst).then(function (results) {
      if (runId !== current.run) return;
      current = { query: query, terms: terms, newestFirst: newestFirst, results: results, next: 0, shown: 0,
                  dropped: 0, run: runId };
      return showMore(false);
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
  more.addEventListener("click", function () { showMore(true); });
  readForm();
  run();
  if (!input.value) input.focus();
})();
