// search.js: the search page (/search/). It queries the static index that
// `agenda build` writes under search/ (see generator/index): no server, no
// WebAssembly, no dependencies. The query and filters live in the URL
// (?q=&category=&sector=&kind=), so a result list can be shared.
//
// A query is words and "quoted phrases"; every word must match. The last
// word also matches as a prefix while typing, and a word of five letters
// or more may have one typo, anywhere (the status line then says what was
// searched instead, and offers the word as typed, in quotes: a quoted
// word matches only as written). A query that finds nothing offers the
// nearest word that would. Words are looked up as written: the index says
// which stem each one has, so the browser needs no stemmer. Results rank
// by how their words matched (as written or another form, then as a
// prefix, then through a typo), then by words side by side as in the
// query, then by score.
// agendaQuery reads a query as the index reads text: its functions use
// nothing of the page, so generator/index's tests run them in node
// against the Go tokenizer (tests/browser/query.mjs).
var agendaQuery = (function () {
  "use strict";
  // A word is letters (\p{L}) and decimal digits (\p{Nd}), as Go's
  // unicode.IsLetter and unicode.IsDigit say.
  var WORD = /[\p{L}\p{Nd}]+(?:[-._][\p{L}\p{Nd}]+)*/gu;

  // lower lowers each character on its own, as Go's strings.ToLower does:
  // "İ" is "i", and a final "Σ" is "σ" (toLowerCase would give "i̇" and
  // "ς", words the index does not have).
  function lower(w) {
    if (/^[\x00-\x7f]*$/.test(w)) return w.toLowerCase();
    var out = "";
    for (var ch of w) {
      // Only "İ" lowers to two characters: Go keeps the first.
      out += String.fromCodePoint(ch.toLowerCase().codePointAt(0));
    }
    return out;
  }

  // tokens splits text as generator/index/tokens.go does; identifiers
  // with digits ("pv-1.2") stay whole.
  function tokens(text) {
    var out = [], m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) {
      var w = lower(m[0]);
      if (/[-._]/.test(w) && /\p{Nd}/u.test(w)) out.push({ text: w, ident: true, end: WORD.lastIndex });
      else w.split(/[-._]/).forEach(function (p) { out.push({ text: p, end: WORD.lastIndex }); });
    }
    return out;
  }

  // parse turns the query into terms ({text, ident, last, phrase}) and
  // phrases (lists of adjacent terms); stop holds the words not indexed.
  function parse(q, stop) {
    var terms = [], phrases = [], re = /"([^"]*)"?|[^"]+/g, m;
    while ((m = re.exec(q))) {
      var quoted = m[1] !== undefined;
      var toks = tokens(quoted ? m[1] : m[0]);
      var run = [];
      toks.forEach(function (t) {
        if (!t.ident && stop[t.text]) { if (run.length > 1) phrases.push(run); run = []; return; }
        t.phrase = quoted;
        terms.push(t);
        if (quoted && !t.ident) run.push(t);
      });
      if (run.length > 1) phrases.push(run);
    }
    var lastTerm = terms[terms.length - 1];
    // Prefix matching for the word being typed: last, unquoted, no space after.
    if (lastTerm && !lastTerm.phrase && /[\p{L}\p{Nd}]$/u.test(q)) lastTerm.last = true;
    return { terms: terms, phrases: phrases };
  }

  return { tokens: tokens, parse: parse };
})();

(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form || !window.fetch || !window.URLSearchParams) return;
  var input = form.elements.q;
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var facetsBox = document.getElementById("search-facets");
  var more = document.getElementById("search-more");
  var base = new URL("../", form.action); // the site's root, for result links
  var indexURL = new URL("./", form.action);
  var GROUPS = ["category", "sector", "kind"];
  var PAGE = 10;
  var DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  var VAL = {};
  for (var i = 0; i < 64; i++) VAL[DIGITS.charCodeAt(i)] = i;

  var cache = {}; // file name -> Promise of parsed JSON
  function load(name) {
    if (!cache[name]) {
      cache[name] = fetch(new URL(name, indexURL)).then(function (r) {
        if (!r.ok) throw new Error(name + ": " + r.status);
        return r.json();
      });
    }
    return cache[name];
  }

  // decodeInts reads the index's number lists (see generator/index/encode.go).
  function decodeInts(s) {
    var out = [], v = 0;
    for (var i = 0; i < s.length; i++) {
      var d = VAL[s.charCodeAt(i)];
      if (d >= 32) { v = v * 32 + d - 32; continue; }
      out.push(v * 32 + d); v = 0;
    }
    return out;
  }

  var tokens = agendaQuery.tokens, parse = agendaQuery.parse;

  // chunkIndex finds the chunk whose range holds key.
  function chunkIndex(chunks, key) {
    var lo = 0, hi = chunks.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (chunks[mid][0] <= key) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  // chunksFor loads the chunks holding keys from lo to hi (inclusive).
  // The list of the pairs chunks is loaded only for a phrase.
  function chunksFor(man, kind, lo, hi) {
    var list = kind === "pairs" ? load("chunks/pairlist-" + man.pairs + ".json") : Promise.resolve(man[kind]);
    return list.then(function (list) {
      var a = chunkIndex(list, lo), b = chunkIndex(list, hi), ps = [];
      for (var i = a; i <= b; i++) ps.push(load("chunks/" + kind + "-" + list[i][1] + ".json"));
      return Promise.all(ps);
    });
  }
  function postings(man, stem) {
    return chunksFor(man, "terms", stem, stem).then(function (cs) { return cs[0].p[stem] || ""; });
  }

  // within1 reports whether a and b differ by at most one edit
  // (insertion, deletion, substitution or swap of neighbours).
  function within1(a, b) {
    if (Math.abs(a.length - b.length) > 1 || a === b) return false;
    var i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    if (a.length === b.length) {
      return a.slice(i + 1) === b.slice(i + 1) ||
        (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // Match kinds, best first: a word as written or another form of it (its
  // stem), a word the term begins (the last word, while typing), a word
  // one typo away. A result's kind is its worst term's; kinds rank before
  // scores, so "labor" in a page's text comes before "Laboratory" in
  // another's title.
  var EXACT = 1, PREFIX = 0.7, TYPO = 0.6;

  // matchTerm finds the stems a term stands for, each with its kind, and
  // the words that matched (for highlighting and "Showing results for").
  // A quoted word matches only as written.
  function matchTerm(man, t) {
    var w = t.text;
    var hi = t.last && !t.phrase && w.length >= 2 ? w + "\uffff" : w;
    return chunksFor(man, "words", w, hi).then(function (cs) {
      var m = found(), begun = [];
      cs.forEach(function (c) {
        for (var k in c.w) {
          if (k === w) add(m, c, k, EXACT);
          else if (hi !== w && k.lastIndexOf(w, 0) === 0) begun.push({ word: k, stem: c.w[k] || k, n: postingsOf(c, k), c: c });
        }
      });
      // A prefix stands for the most common words it begins: the fewer
      // letters typed, the fewer words ("pr": prevention, protection,
      // prosecution, program), so the first letters cost little to fetch.
      var most = {};
      begun.forEach(function (b) { most[b.stem] = Math.max(most[b.stem] || 0, b.n); });
      var keep = Object.keys(most).sort(function (a, b) { return most[b] - most[a] || (a < b ? -1 : 1); })
        .slice(0, w.length <= 2 ? 4 : w.length === 3 ? 8 : 24);
      begun.forEach(function (b) { if (keep.indexOf(b.stem) >= 0) add(m, b.c, b.word, PREFIX); });
      if (Object.keys(m.stems).length || w.length < 5 || t.ident || t.phrase) return m;
      return typos(man, w, m);
    });
  }

  // found is what matchTerm finds: stems and words with their kinds, and
  // how many postings each word's stem has (from the words chunks).
  function found() { return { stems: {}, words: {}, count: {} }; }

  function postingsOf(c, word) { return +((c.n || {})[word] || 0); }

  // add adds word, from words chunk c, to m with its kind.
  function add(m, c, word, kind) {
    var stem = c.w[word] || word;
    m.stems[stem] = Math.max(m.stems[stem] || 0, kind);
    m.words[word] = Math.max(m.words[word] || 0, kind);
    m.count[word] = postingsOf(c, word);
  }

  // commonest is the word of m most pages have (the first in order on a
  // tie), or null.
  function commonest(m) {
    var best = null;
    Object.keys(m.words).sort().forEach(function (w) { if (best === null || m.count[w] > m.count[best]) best = w; });
    return best;
  }

  // typos adds to m the words one typo from w: first those that begin as
  // w does, then, if none, those that would with two of its first three
  // letters swapped or one of them dropped.
  function typos(man, w, m) {
    return nearby(man, w, [w.slice(0, 3)], m).then(function (m) {
      if (Object.keys(m.stems).length) return m;
      var heads = {};
      for (var i = 0; i < 3; i++) {
        heads[(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2)).slice(0, 3)] = true;
        heads[(w.slice(0, i) + w.slice(i + 1)).slice(0, 3)] = true;
      }
      delete heads[w.slice(0, 3)];
      return nearby(man, w, Object.keys(heads), m);
    });
  }

  // nearby adds to m the words one typo from w that begin with one of
  // heads, each loading the dictionary chunks for its range.
  function nearby(man, w, heads, m) {
    return Promise.all(heads.map(function (h) {
      return chunksFor(man, "words", h, h + "\uffff").then(function (cs) {
        cs.forEach(function (c) {
          for (var k in c.w) if (k.lastIndexOf(h, 0) === 0 && within1(w, k)) add(m, c, k, TYPO);
        });
      });
    })).then(function () { return m; });
  }

  // termDocs returns Map doc -> {score, section, kind} for a term, with
  // the stem that fitted best (for phrases), and the word most pages have
  // when the term matched through a typo only.
  function termDocs(man, t) {
    return matchTerm(man, t).then(function (m) {
      var names = Object.keys(m.stems);
      return Promise.all(names.map(function (s) { return postings(man, s); })).then(function (lists) {
        var docs = new Map(), best = null;
        names.forEach(function (s, i) {
          if (!best || m.stems[s] > m.stems[best]) best = s;
          var n = decodeInts(lists[i]), doc = 0, kind = m.stems[s];
          for (var j = 0; j + 2 < n.length; j += 3) {
            doc += n[j];
            var score = n[j + 1] * kind, prev = docs.get(doc);
            if (!prev) docs.set(doc, { score: score, section: n[j + 2], kind: kind });
            else {
              if (prev.score < score) { prev.score = score; prev.section = n[j + 2]; }
              prev.kind = Math.max(prev.kind, kind);
            }
          }
        });
        var typoOnly = names.length && names.every(function (s) { return m.stems[s] === TYPO; });
        var fixed = typoOnly ? commonest(m) : null;
        return { docs: docs, stem: best, rare: docs.size, words: m.words, stems: m.stems, fixed: fixed };
      });
    });
  }

  function pairDocs(man, a, b) {
    var key = a + " " + b;
    return chunksFor(man, "pairs", key, key).then(function (cs) {
      var n = decodeInts(cs[0].p[key] || ""), set = new Set(), doc = 0;
      n.forEach(function (d) { doc += d; set.add(doc); });
      return set;
    });
  }

  // facetSets decodes the facets file into {group: [{key, title, has}]}.
  function facetSets(f) {
    var out = {};
    GROUPS.forEach(function (g) {
      out[g] = (f[g] || []).map(function (v) {
        var n = decodeInts(v[2]), has = new Set(), at = 0;
        for (var i = 0; i + 1 < n.length; i += 2) {
          at += n[i];
          for (var j = 0; j < n[i + 1]; j++) has.add(at++);
        }
        return { key: v[0], title: v[1], has: has };
      });
    });
    return out;
  }

  // run answers a query: the matching documents, best first, before
  // facet filters.
  function run(man, q) {
    var p = parse(q, man.stopSet);
    if (!p.terms.length) {
      // Nothing to look up: an empty box, or only words the index leaves
      // out ("the", "of", a letter on its own).
      return Promise.resolve(/[\p{L}\p{N}]/u.test(q) ? { hits: [], marks: [], fixes: [], suggestion: null, common: true } : null);
    }
    return Promise.all(p.terms.map(function (t) { return termDocs(man, t); })).then(function (per) {
      var order = per.slice().sort(function (a, b) { return a.rare - b.rare; });
      var hits = [];
      order[0].docs.forEach(function (v, doc) {
        var score = 0, kind = EXACT;
        for (var i = 0; i < order.length; i++) {
          var h = order[i].docs.get(doc);
          if (!h) return;
          score += h.score;
          kind = Math.min(kind, h.kind);
        }
        hits.push({ doc: doc, score: score, kind: kind, section: v.section });
      });
      var checks = [];
      p.phrases.forEach(function (ph) {
        for (var i = 0; i + 1 < ph.length; i++) {
          checks.push(pairDocs(man, per[p.terms.indexOf(ph[i])].stem, per[p.terms.indexOf(ph[i + 1])].stem));
        }
      });
      // Without quotes, words that stand side by side in a page as in the
      // query rank that page above pages where they are scattered.
      var near = [];
      if (!p.phrases.length && p.terms.length > 1 && p.terms.length <= 4) {
        for (var i = 0; i + 1 < p.terms.length; i++) {
          if (per[i].stem && per[i + 1].stem && !p.terms[i].ident && !p.terms[i + 1].ident) near.push(pairDocs(man, per[i].stem, per[i + 1].stem));
        }
      }
      return Promise.all([Promise.all(checks), Promise.all(near)]).then(function (got) {
        var sets = got[0], nearSets = got[1];
        hits = hits.filter(function (h) { return sets.every(function (s) { return s.has(h.doc); }); });
        hits.forEach(function (h) { h.near = nearSets.filter(function (s) { return s.has(h.doc); }).length; });
        hits.sort(function (a, b) { return b.kind - a.kind || b.near - a.near || b.score - a.score || a.doc - b.doc; });
        // Highlighted: the words that matched, and words beginning with
        // their stems (other forms of them: "traffickers" for a query
        // "trafficing" corrected to "trafficking").
        var marks = {}, fixes = [];
        p.terms.forEach(function (t, i) {
          for (var w in per[i].words) marks[w] = true;
          for (var st in per[i].stems) marks[st.replace(/i$/, "")] = true;
          if (per[i].fixed) fixes.push({ from: t.text, to: per[i].fixed });
        });
        var res = { hits: hits, marks: Object.keys(marks), fixes: fixes, suggestion: null };
        if (hits.length) return res;
        return suggest(man, q, p, per).then(function (s) { res.suggestion = s; return res; });
      });
    });
  }

  // suggest finds, for a query with no results, the query with each word
  // that matched nothing replaced by the word one typo away that the most
  // pages have ("labr": "labor"), or null.
  function suggest(man, q, p, per) {
    return Promise.all(p.terms.map(function (t, i) {
      if (per[i].docs.size || t.ident || t.text.length < 3) return null;
      // The words chunks say how common each word is: no postings are
      // fetched to choose.
      return typos(man, t.text, found()).then(function (m) {
        var best = commonest(m);
        return best && { from: t.text, to: best };
      });
    })).then(function (fixes) {
      fixes = fixes.filter(Boolean);
      return fixes.length ? replaceWords(q, fixes) : null;
    });
  }

  // replaceWords puts each fix's word in place of the first whole word of
  // q that is its from, ignoring case.
  function replaceWords(q, fixes) {
    fixes.forEach(function (f) {
      var re = new RegExp("(^|[^\\p{L}\\p{N}])" + f.from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "(?![\\p{L}\\p{N}])", "iu");
      q = q.replace(re, function (all, before) { return before + f.to; });
    });
    return q;
  }

  // fragment loads what a result shows: a small file a document.
  function fragment(man, doc) {
    return load("docs/" + doc + ".json");
  }

  // --- the page ---------------------------------------------------------

  var manifest = null, facets = null, shown = 0, current = [], words = [], seq = 0;

  function selected() {
    var sel = {};
    GROUPS.forEach(function (g) {
      sel[g] = Array.prototype.map.call(form.querySelectorAll('input[name="' + g + '"]:checked'), function (i) { return i.value; });
    });
    return sel;
  }
  function passes(doc, sel, except) {
    return GROUPS.every(function (g) {
      if (g === except || !sel[g].length) return true;
      return facets[g].some(function (v) { return sel[g].indexOf(v.key) >= 0 && v.has.has(doc); });
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  // mark appends text to parent with the words the query matched
  // highlighted, and the words that begin with their stems.
  function mark(parent, text) {
    var keys = words.filter(function (w) { return w.length > 1; });
    if (!keys.length) { parent.appendChild(document.createTextNode(text)); return; }
    var esc = keys.sort(function (a, b) { return b.length - a.length; }).map(function (k) { return k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    var re = new RegExp("(^|[^\\p{L}\\p{N}])((?:" + esc.join("|") + ")[\\p{L}\\p{N}]*)", "giu"), at = 0, m;
    while ((m = re.exec(text))) {
      var start = m.index + m[1].length;
      parent.appendChild(document.createTextNode(text.slice(at, start)));
      parent.appendChild(el("mark", "", m[2]));
      at = start + m[2].length;
    }
    parent.appendChild(document.createTextNode(text.slice(at)));
  }

  // excerpt picks about 200 characters of text around the first query word.
  function excerpt(text) {
    var lower = text.toLowerCase(), at = -1;
    words.forEach(function (w) {
      var i = lower.indexOf(w);
      if (i >= 0 && (at < 0 || i < at)) at = i;
    });
    if (at < 0 || text.length <= 200) return text.slice(0, 200) + (text.length > 200 ? "…" : "");
    var start = Math.max(0, text.lastIndexOf(" ", Math.max(0, at - 60)) + 1);
    return (start > 0 ? "…" : "") + text.slice(start, start + 200) + (start + 200 < text.length ? "…" : "");
  }

  function renderHit(h, f) {
    var li = el("li", "search-result");
    var sec = f[4][h.section] || ["", "", ""];
    var url = new URL(f[0].replace(/^\//, ""), base);
    if (sec[0]) url.hash = sec[0];
    var title = el("h2", "search-result__title");
    var a = el("a");
    a.href = url.pathname + url.hash;
    mark(a, f[1]);
    if (sec[1]) { a.appendChild(document.createTextNode(" › ")); mark(a, sec[1]); }
    title.appendChild(a);
    var about = [f[2].charAt(0).toUpperCase() + f[2].slice(1)];
    ["category", "sector"].forEach(function (g) {
      var ts = facets[g].filter(function (v) { return v.has.has(h.doc); }).map(function (v) { return v.title; });
      if (ts.length) about.push(ts.join(", "));
    });
    li.appendChild(el("p", "search-result__kind", about.join(" · ")));
    li.appendChild(title);
    var text = sec[2] || f[3] || (f[4][0] && f[4][0][2]) || "";
    var p = el("p", "search-result__excerpt");
    mark(p, excerpt(text));
    li.appendChild(p);
    return li;
  }

  function showMore(mine) {
    var next = current.slice(shown, shown + PAGE);
    shown += next.length;
    more.hidden = shown >= current.length;
    return Promise.all(next.map(function (h) { return fragment(manifest, h.doc); })).then(function (fs) {
      if (mine !== seq) return;
      next.forEach(function (h, i) { list.appendChild(renderHit(h, fs[i])); });
    });
  }

  function renderFacets(all, sel) {
    facetsBox.textContent = "";
    var labels = { category: "Category", sector: "Sector", kind: "Kind" };
    GROUPS.forEach(function (g) {
      var fs = el("fieldset", "search-facet");
      fs.appendChild(el("legend", "", labels[g]));
      var any = false;
      facets[g].forEach(function (v) {
        var n = 0;
        all.forEach(function (h) { if (v.has.has(h.doc) && passes(h.doc, sel, g)) n++; });
        var on = sel[g].indexOf(v.key) >= 0;
        if (!n && !on) return;
        any = true;
        var label = el("label", "search-facet__option"), box = el("input");
        box.type = "checkbox"; box.name = g; box.value = v.key; box.checked = on;
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + v.title + " "));
        label.appendChild(el("span", "search-facet__count", "(" + n + ")"));
        fs.appendChild(label);
      });
      if (any) facetsBox.appendChild(fs);
    });
  }

  function syncURL(q, sel) {
    var params = new URLSearchParams();
    if (q) params.set("q", q);
    GROUPS.forEach(function (g) { sel[g].forEach(function (v) { params.append(g, v); }); });
    var s = params.toString();
    history.replaceState(null, "", location.pathname + (s ? "?" + s : ""));
  }

  // say writes the status line: how many results, for what (a corrected
  // query says so and offers the query as typed), and, with none, what
  // to do about it.
  function say(q, res, n, sel) {
    status.textContent = "";
    var put = function (x) { status.appendChild(typeof x === "string" ? document.createTextNode(x) : x); };
    var query = function (text) {
      var a = el("a", "", text.indexOf('"') >= 0 ? text : "“" + text + "”");
      a.href = "?q=" + encodeURIComponent(text);
      return a;
    };
    var results = function (k) { return k + (k === 1 ? " result" : " results"); };
    if (n) {
      if (!res.fixes.length) { put(results(n) + " for “" + q + "”"); return; }
      // As typed, each corrected word in quotes: a quoted word is matched
      // only as written.
      var typed = replaceWords(q, res.fixes.map(function (f) { return { from: f.from, to: '"' + f.from + '"' }; }));
      put("Showing " + results(n) + " for “" + replaceWords(q, res.fixes) + "”. Search instead for ");
      put(query(typed));
      put(".");
      return;
    }
    put("No results for “" + q + "”.");
    if (res.common) {
      put(" Words as common as these are not searched for on their own: add another word.");
      return;
    }
    var filtered = GROUPS.some(function (g) { return sel[g].length; });
    if (filtered && res.hits.length) {
      put(" " + results(res.hits.length) + " without the filters chosen: clear some to see them.");
    } else if (res.suggestion) {
      put(" Did you mean ");
      put(query(res.suggestion));
      put("?");
    } else {
      put(" Check the spelling or use fewer words.");
    }
  }

  function update(sel) {
    // Typed before the index has loaded: the loader runs the query then.
    if (!manifest || !facets) return Promise.resolve();
    var mine = ++seq, q = input.value.trim();
    sel = sel || selected();
    syncURL(q, sel);
    // The header's box shows the query too, not an empty box beside it.
    var header = document.getElementById("site-search-q");
    if (header && header !== input) header.value = q;
    return run(manifest, q).then(function (res) {
      if (mine !== seq) return;
      list.textContent = "";
      shown = 0;
      if (!res) {
        current = []; words = [];
        facetsBox.textContent = "";
        more.hidden = true;
        status.textContent = "Type a word to search objectives, organizations, partnerships and pages.";
        return;
      }
      words = res.marks;
      current = res.hits.filter(function (h) { return passes(h.doc, sel); });
      say(q, res, current.length, sel);
      // The filters come once the first results are in: on a phone they
      // sit below the results, and would otherwise be pushed down by them.
      return showMore(mine).then(function () { if (mine === seq) renderFacets(res.hits, sel); });
    }).catch(function (e) {
      status.textContent = "Search is unavailable: the index could not be loaded (" + e.message + ").";
    });
  }

  // Keyboard: Down from the box goes to the first result; Up and Down move
  // between results; Escape returns to the box.
  function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }
  form.addEventListener("keydown", function (e) {
    var ls = links(), i = ls.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && (e.target === input || i >= 0) && ls.length) {
      e.preventDefault(); ls[Math.min(i + 1, ls.length - 1)].focus();
    } else if (e.key === "ArrowUp" && i >= 0) {
      e.preventDefault(); if (i === 0) input.focus(); else ls[i - 1].focus();
    } else if (e.key === "Escape" && i >= 0) {
      e.preventDefault(); input.focus();
    }
  });

  var timer = 0;
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { update(); }, 80); });
  form.addEventListener("change", function (e) { if (e.target.type === "checkbox") update(); });
  form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
  more.addEventListener("click", function () { showMore(seq); });

  document.documentElement.classList.add("search-ready");
  status.textContent = "Loading the search index…";
  load("manifest.json").then(function (m) {
    manifest = m;
    m.stopSet = {};
    m.stop.forEach(function (w) { m.stopSet[w] = true; });
    return load("chunks/facets-" + m.facets + ".json");
  }).then(function (f) {
    facets = facetSets(f);
    var params = new URLSearchParams(location.search), sel = {};
    // What was typed while the index loaded wins over the address.
    if (!input.value.trim()) input.value = params.get("q") || "";
    GROUPS.forEach(function (g) { sel[g] = params.getAll(g); });
    return update(sel);
  }).catch(function (e) {
    status.textContent = "Search is unavailable: the index could not be loaded (" + e.message + ").";
  });
})();
