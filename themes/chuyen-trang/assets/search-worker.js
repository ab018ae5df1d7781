/* The search page's worker: Pagefind (run here, on its main-thread path: no worker of its own)
 * and the ranking of what it finds. A query of common words finds thousands of articles per
 * term; tallying them here keeps the page's main thread free (on a phone the page stayed blocked
 * for seconds at 10,000 articles). The page (search.js) sends the query's terms and receives
 * the ids of the articles found, best first.
 */
import * as pagefind from "../pagefind/pagefind.js";

var FOLDED = "zz";  // as site_builder/search.py writes the terms (and search.js)

// Each term is in a page once, in its first field: no length or frequency to weigh, so a term's
// score is its field's weight (title, lead, body) times its rarity.
var ready = pagefind.options({ noWorker: true, excerptLength: 0, ranking: { termFrequency: 0, pageLength: 0 } });

/* For each article holding any of the terms, how many of each kind it holds, where it holds
   its words for relevance (each word's score against the best score of that word, so a
   title match counts 1), and where each word stands among the article's terms. Terms are not quoted: Pagefind scores a quoted search 1
   whatever the weight. Unquoted it also takes words the term begins, but no other term
   begins with a whole one (each ends in `z`, see search.py). */
function tally(terms, options) {
  var kinds = ["syllables", "pairs", "exact"];
  return ready.then(function () {
    return Promise.all(kinds.map(function (kind) {
      return Promise.all(terms[kind].map(function (term) { return pagefind.search(term, options); }));
    }));
  }).then(function (found) {
    var matched = new Map();
    found.forEach(function (searches, k) {
      searches.forEach(function (search, t) {
        var results = search ? search.results : [];
        var best = results.reduce(function (top, r) { return Math.max(top, r.score); }, 0) || 1;
        results.forEach(function (r) {
          var entry = matched.get(r.id);
          if (!entry) {
            entry = { id: r.id, syllables: 0, pairs: 0, exact: 0, score: 0, order: matched.size, at: {} };
            matched.set(r.id, entry);
          }
          entry[kinds[k]] += 1;
          if (kinds[k] === "syllables") {
            entry.score += r.score / best;
            entry.at[terms.syllables[t]] = (r.words || [])[0];
          }
        });
      });
    });
    return Array.from(matched.values());
  });
}

/* How many of the query's neighbouring words stand one after the other among the article's
   terms. The body's terms are written in the order the words first appear (search.py), so
   this tells an article holding the words side by side in its body, before its card is
   read, from one holding them apart (not always: a word seen earlier elsewhere breaks it). */
function runs(r, terms) {
  var count = 0;
  for (var i = 0; i + 1 < terms.words.length; i++) {
    var here = r.at[terms.words[i] + FOLDED], next = r.at[terms.words[i + 1] + FOLDED];
    if (here !== undefined && next === here + 1) count += 1;
  }
  return count;
}

/* The articles found, best first. Each word is in the index alone (the body has no pairs), so
   an article is found when it holds every word, or two neighbouring words side by side in its
   title or lead; when none does, each word is looked for anywhere. Those holding the most
   words and title or lead pairs come first, then, for relevance (and for a quoted phrase,
   whose cards are read in this order), those whose terms hold more of the words in a run, then those
   where the words weigh most (a title before a body), else in Pagefind's order (newest first). When the reader typed
   marks, articles whose title or lead spell every word so come first. A quoted phrase needs
   every word; its cards then tell whether the words stand in one run. */
function search(terms, filters, newestFirst) {
  var options = {};
  if (Object.keys(filters).length) options.filters = filters;
  if (newestFirst) options.sort = { date: "desc" };
  return tally(terms, options).then(function (matched) {
    var every = function (r) { return r.syllables === terms.syllables.length; };
    var found = matched.filter(terms.phrase ? every : function (r) { return every(r) || r.pairs > 0; });
    if (!found.length && !terms.phrase) found = matched;
    found.forEach(function (r) { r.run = runs(r, terms); });
    found.sort(function (a, b) {
      return b.syllables - a.syllables || b.pairs - a.pairs || (terms.phrase ? b.run - a.run : 0) ||
        (newestFirst ? 0 : b.run - a.run || b.score - a.score) ||
        a.order - b.order;
    });
    var exact = function (r) { return terms.exact.length > 0 && r.exact === terms.exact.length; };
    return found.filter(exact).concat(found.filter(function (r) { return !exact(r); }));
  });
}

onmessage = function (event) {
  var request = event.data;
  search(request.terms, request.filters, request.newestFirst).then(function (found) {
    postMessage({ id: request.id, ids: found.map(function (r) { return r.id; }) });
  }, function (error) {
    postMessage({ id: request.id, error: String(error) });
  });
};
