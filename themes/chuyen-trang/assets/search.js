/* The column's search page: Vietnamese queries against the Pagefind index in /pagefind/.
 *
 * The index holds terms, not text (see site_builder/search.py): folded syllables (`dienzz`),
 * folded pairs (`jthiduazz`), and their exact telex spellings (`dienzddieenrz`, `jthiduazthizdduaz`). A query is
 * turned into the same terms here; `fold` and `telex` must stay identical to
 * site_builder/vietnamese/folding.py. Results show each article's card (tim-kiem/bai/<id>.json):
 * the original title, and the sentence holding the reader's words (or the lead), with those
 * words highlighted whatever their marks. No innerHTML: editors' text stays text.
 */
(function () {
  "use strict";

  var PAGE_SIZE = 10;
  var EXACT = "z", FOLDED = "zz";  // as site_builder/search.py writes the terms
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

  /* The terms of a query. One syllable: the syllable; several: the pairs of neighbours. Exact
     terms only when the reader typed marks (they rank exact matches first): the index has them
     for titles and leads, next to their folded term, so they cost no more chunk to download.
     Quotes ("gương điển hình") ask for the words side by side and in that order. */
  function plan(query) {
    var words = syllables(query);
    var folded = words.map(fold), exact = words.map(telex);
    var typedMarks = words.some(function (word, i) { return word !== folded[i]; });
    var result = { words: folded, folded: [], exact: [], phrase: /["“”]/.test(query) && words.length > 1 };
    if (words.length === 1) {
      result.folded = [folded[0] + FOLDED];
      result.exact = typedMarks ? [folded[0] + EXACT + exact[0] + EXACT] : [];
    }
    for (var i = 0; i + 1 < words.length; i++) {
      var pair = "j" + folded[i] + folded[i + 1];
      result.folded.push(pair + FOLDED);
      if (typedMarks) result.exact.push(pair + EXACT + exact[i] + EXACT + exact[i + 1] + EXACT);
    }
    return result;
  }

  var script = document.currentScript;
  var siteRoot = new URL(script.dataset.siteRoot.replace(/\/?$/, "/"), location.href);
  var pagefind = null;

  function loadPagefind() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", siteRoot).href).then(function (module) {
        // Each term is in a page once, in its first field: no length or frequency to weigh,
        // so a term's score is its field's weight (title, lead, body) times its rarity.
        // Pagefind decodes the index in its own web worker (pagefind-worker.js), so a phone's
        // main thread stays free while the index loads (no `noWorker`).
        return module.options({ excerptLength: 0, ranking: { termFrequency: 0, pageLength: 0 } })
          .then(function () { return module; });
      });
    }
    return pagefind;
  }

  /* Articles holding the terms: those holding the most terms first, then, for relevance, by
     where they hold them (each term's score against the best score of that term, so a title
     match counts 1), or in Pagefind's order (newest first). So "gương điển hình" lists articles
     with the whole phrase before those with "điển hình" only, and a title before a body; a
     term no article has costs nothing. Terms are not quoted: Pagefind scores a quoted search 1
     whatever the weight. Unquoted it also takes words the term begins, but no other term
     begins with a whole one (each ends in `z`, see search.py). */
  function bestMatches(terms, options, byScore) {
    return loadPagefind().then(function (pf) {
      return Promise.all(terms.map(function (term) { return pf.search(term, options); }));
    }).then(function (searches) {
      var matched = new Map();
      searches.forEach(function (search) {
        var results = search ? search.results : [];
        var best = results.reduce(function (top, r) { return Math.max(top, r.score); }, 0) || 1;
        results.forEach(function (r) {
          var entry = matched.get(r.id) || { id: r.id, count: 0, score: 0, order: matched.size };
          entry.count += 1;
          entry.score += r.score / best;
          matched.set(r.id, entry);
        });
      });
      return Array.from(matched.values()).sort(function (a, b) {
        return b.count - a.count || (byScore ? b.score - a.score : 0) || a.order - b.order;
      });
    });
  }

  function search(terms, filters, newestFirst) {
    if (!terms.folded.length) return Promise.resolve([]);
    var options = {};
    if (Object.keys(filters).length) options.filters = filters;
    if (newestFirst) options.sort = { date: "desc" };
    var exactSearch = terms.exact.length ? bestMatches(terms.exact, options, !newestFirst) : Promise.resolve([]);
    return Promise.all([bestMatches(terms.folded, options, !newestFirst), exactSearch]).then(function (found) {
      var folded = found[0], exact = found[1];
      if (terms.phrase) {
        // Every pair of the phrase; the card then shows whether they stand in one run.
        var all = function (r) { return r.count === terms.folded.length; };
        folded = folded.filter(all);
        exact = exact.filter(function (r) { return r.count === terms.exact.length; });
      } else if (!folded.length && terms.words.length > 1) {
        // No article has any two of the words side by side: look for each word anywhere.
        return bestMatches(terms.words.map(function (word) { return word + FOLDED; }), options, !newestFirst);
      }
      var exactIds = new Set(exact.map(function (r) { return r.id; }));
      return exact.concat(folded.filter(function (r) { return !exactIds.has(r.id); }));
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
     well. Null when the card does not hold a quoted phrase whole. */
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
    if (!best || headingPhrase || (!bestMatch.phrase && headingCount >= bestMatch.count)) {
      return { text: card.summary || "", lead: true };
    }
    return { text: windowOf(best, terms), lead: false };
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
  function loadCard(match) {
    return fetch(new URL("tim-kiem/bai/" + match.id + ".json", siteRoot)).then(function (response) {
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
  var current = { query: "", terms: null, results: [], next: 0, shown: 0, dropped: 0, run: 0 };

  /* The next PAGE_SIZE results (a quoted phrase's candidates whose card does not hold it whole
     are left out and no longer counted), then the count and the "Xem thêm" button. */
  function showMore(focusFirst) {
    var runId = current.run, added = [];
    function next() {
      if (added.length >= PAGE_SIZE || current.next >= current.results.length) return Promise.resolve();
      var batch = current.results.slice(current.next, current.next + PAGE_SIZE - added.length);
      current.next += batch.length;
      return Promise.all(batch.map(loadCard)).then(function (cards) {
        if (runId !== current.run) return;
        cards.forEach(function (card) {
          var shown = snippet(card, current.terms);
          if (!shown) { current.dropped += 1; return; }
          var item = resultCard(card, shown, current.terms.words);
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
    return search(terms, filters, sort.value === "moi").then(function (results) {
      if (runId !== current.run) return;
      current = { query: query, terms: terms, results: results, next: 0, shown: 0, dropped: 0, run: runId };
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
