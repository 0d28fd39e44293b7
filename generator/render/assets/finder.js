/* The finder on /massnahmen/: filters, counts, "Bibliotheken wie unsere", toolkit ranking,
 * full-text search and the address as state.
 *
 * The page carries the whole catalogue as a list; every <li data-measure-id> holds what
 * the filters need in data attributes, the library figures are one JSON block
 * (#bib-finder-data). Without this script the page is that list, newest first.
 *
 * Address (query string): thema, zielgruppe, status, aufwand (comma-separated ids),
 * kooperation=offen, einwohner, flaeche, vzae (inclusive ranges MIN-MAX, one side may be
 * empty), q (search text), sortierung (neueste|titel|aehnlich|relevanz), toolkit (topic ids,
 * most important first), bibliothek (a library id: the profile is that library),
 * profil_einwohner, profil_flaeche, profil_vzae (the reader's own figures).
 * Unknown or malformed values are ignored.
 *
 * The search normaliser (tokenize, fold, stem, stop words) mirrors generator/search_text.py.
 */
(function () {
  "use strict";

  var root = document.getElementById("bib-finder");
  var list = document.getElementById("bib-results");
  var dataBlock = document.getElementById("bib-finder-data");
  var form = document.getElementById("bib-finder-form");
  if (!root || !list || !dataBlock || !form || !window.URLSearchParams || !window.Map) return;
  var DATA;
  try {
    DATA = JSON.parse(dataBlock.textContent);
  } catch (error) {
    return;
  }

  // --- German normaliser (same as generator/search_text.py) -------------------------------
  var NORMALISER_VERSION = 1;
  var PIPELINE_LABEL = "de-normalise-" + NORMALISER_VERSION;
  var STOP_WORDS = new Set((
    "aber alle allem allen aller alles als also am an auch auf aus bei beim bin bis bzw da " +
    "damit dann das dass dem den denn der des die dies diese diesem diesen dieser dieses doch " +
    "dort du durch ein eine einem einen einer eines er es etwa fur gegen hat hatte hatten " +
    "haben ich ihr ihre ihrem ihren ihrer im in ist ja je jede jedem jeden jeder jedes kann " +
    "konnen man mit nach nicht noch nun nur ob oder ohne sehr sein seine seinem seinen seiner " +
    "sich sie sind so sowie uber um und uns unser unsere unter vom von vor war waren was " +
    "weil wenn werden wie wir wird wo wurde wurden zu zum zur zwischen").split(" "));
  var WORD = /[\p{L}\p{N}]+/gu;
  var S_ENDING = "bdfghklmnrt"; // letters before a plural/genitive -s
  var ST_ENDING = "bdfghklmnt"; // letters before a verb ending -st

  function tokenize(text) {
    return text.match(WORD) || [];
  }
  function fold(word) {
    return word.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/ß/g, "ss").replace(/ae/g, "a").replace(/oe/g, "o").replace(/ue/g, "u");
  }
  function stem(w) {
    var n = w.length;
    if (n > 5 && w.slice(n - 3, n) === "ern") n -= 3;
    else if (n > 4 && w[n - 2] === "e" && "mnrs".indexOf(w[n - 1]) >= 0) n -= 2;
    else if (n > 3 && w[n - 1] === "e") n -= 1;
    else if (n > 3 && w[n - 1] === "s" && S_ENDING.indexOf(w[n - 2]) >= 0) n -= 1;
    if (n > 5 && w.slice(n - 3, n) === "est") n -= 3;
    else if (n > 4 && w[n - 2] === "e" && (w[n - 1] === "r" || w[n - 1] === "n")) n -= 2;
    else if (n > 4 && w.slice(n - 2, n) === "st" && ST_ENDING.indexOf(w[n - 3]) >= 0) n -= 2;
    return w.slice(0, n);
  }
  function term(word) {
    var folded = fold(word);
    if (folded.length < 2 || STOP_WORDS.has(folded)) return null;
    return stem(folded);
  }
  window.bibFinderText = { tokenize: tokenize, fold: fold, stem: stem, term: term };

  // --- helpers ---------------------------------------------------------------------------
  var numberFormat = new Intl.NumberFormat("de-DE", { maximumFractionDigits: 2 });
  function $(id) {
    return document.getElementById(id);
  }
  function parseNumber(text) {
    // German or English notation; "4.800" is read as 4800 when the dot groups thousands.
    var t = String(text).trim().replace(/\s/g, "");
    if (!t) return NaN;
    if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) t = t.replace(/\./g, "");
    t = t.replace(",", ".");
    return /^\d+(\.\d+)?$/.test(t) ? parseFloat(t) : NaN;
  }
  function parseAddressNumber(text) {
    // In the address numbers are plain: digits, optionally "." and decimals.
    return /^\d+(\.\d+)?$/.test(text) ? parseFloat(text) : NaN;
  }
  function parseRange(text) {
    var m = /^\s*([0-9.]*)\s*-\s*([0-9.]*)\s*$/.exec(text || "");
    if (!m || (!m[1] && !m[2])) return null;
    var min = m[1] ? parseAddressNumber(m[1]) : -Infinity;
    var max = m[2] ? parseAddressNumber(m[2]) : Infinity;
    if (isNaN(min) || isNaN(max) || min > max) return null;
    return [min, max];
  }
  function formatRange(range) {
    function n(x) {
      return isFinite(x) ? String(Math.round(x * 10000) / 10000) : "";
    }
    return n(range[0]) + "-" + n(range[1]);
  }
  function plural(n, one, many) {
    return numberFormat.format(n) + " " + (n === 1 ? one : many);
  }

  // --- facets ----------------------------------------------------------------------------
  var SIZE = [
    { key: "einwohner", fig: "p", name: "Einwohner" },
    { key: "flaeche", fig: "a", name: "Fläche" },
    { key: "vzae", fig: "s", name: "Personal" }
  ];
  var LIST_FACETS = [
    { key: "thema", column: "topics" },
    { key: "zielgruppe", column: "audiences" },
    { key: "status", column: "status" },
    { key: "aufwand", column: "effort" }
  ];
  // bit positions in the per-item failure mask
  var BIT = { thema: 0, zielgruppe: 1, status: 2, aufwand: 3, kooperation: 4,
    einwohner: 5, flaeche: 6, vzae: 7, q: 8 };

  LIST_FACETS.forEach(function (facet) {
    facet.inputs = Array.prototype.slice.call(form.querySelectorAll('input[name="' + facet.key + '"]'));
    facet.ids = facet.inputs.map(function (input) { return input.value; });
    facet.index = new Map(facet.ids.map(function (id, i) { return [id, i]; }));
  });
  SIZE.forEach(function (size) {
    size.radios = Array.prototype.slice.call(form.querySelectorAll('input[name="' + size.key + '-klasse"]'));
    size.classes = [];
    size.classRadios = [];
    size.radios.forEach(function (radio) {
      var range = parseRange(radio.value);
      if (range) {
        size.classes.push(range);
        size.classRadios.push(radio);
      }
    });
    size.min = $("bib-" + size.key + "-min");
    size.max = $("bib-" + size.key + "-max");
  });
  var collabInput = form.querySelector('input[name="kooperation"]');
  var queryInput = $("bib-q");
  var sortSelect = $("bib-sort");
  var statusBox = $("bib-finder-status");
  var SORTS = ["neueste", "titel", "aehnlich", "relevanz"];

  // --- libraries -------------------------------------------------------------------------
  var LIBRARY_LIST = DATA.libraries || [];
  var LIBS = Object.create(null); // id -> {id, n, p, a, s, m, t}
  var libIds = LIBRARY_LIST.map(function (lib) { return lib.id; });
  LIBRARY_LIST.forEach(function (lib) { LIBS[lib.id] = lib; });
  var libFig = { p: new Float64Array(libIds.length), a: new Float64Array(libIds.length),
    s: new Float64Array(libIds.length) };
  LIBRARY_LIST.forEach(function (lib, i) {
    ["p", "a", "s"].forEach(function (k) {
      libFig[k][i] = typeof lib[k] === "number" ? lib[k] : NaN;
    });
  });
  function sizeLibraries(positions) {
    // A network stands for its members (like Catalogue.size_libraries).
    var result = [];
    positions.forEach(function (L) {
      var lib = LIBRARY_LIST[L];
      if (!lib) return;
      (lib.m && lib.m.length ? lib.m : [L]).forEach(function (member) {
        if (LIBRARY_LIST[member] && result.indexOf(member) < 0) result.push(member);
      });
    });
    return result;
  }
  function figures(lib) {
    // "4.800 Einw. · 180 m² · 1,5 VZÄ", as generator/formatting.py:figures writes it
    var parts = [];
    if (typeof lib.p === "number") parts.push(numberFormat.format(lib.p) + " Einw.");
    if (typeof lib.a === "number") parts.push(numberFormat.format(lib.a) + " m²");
    if (typeof lib.s === "number") {
      parts.push(lib.s === 0 ? "ehrenamtlich geführt" : numberFormat.format(lib.s) + " VZÄ");
    } else if (!lib.m) {
      parts.push("VZÄ nicht veröffentlicht");
    }
    return parts.join(" · ");
  }

  // --- items: the list on the page and the columns of the data block -------------------
  var els = Array.prototype.slice.call(list.children).filter(function (el) {
    return el.hasAttribute("data-measure-id");
  });
  var N = els.length;
  var M = DATA.measures;
  if (!M || !M.libraries || M.libraries.length !== N) return; // page and data do not belong together
  var ids = els.map(function (el) { return el.getAttribute("data-measure-id"); });
  var idIndex = new Map(ids.map(function (id, i) { return [id, i]; }));
  var today = new Date().toISOString().slice(0, 10);
  var opts = {}; // facet key -> per item array of option numbers
  LIST_FACETS.forEach(function (facet) {
    var vocabulary = M.vocabulary[facet.column] || [];
    var toOption = vocabulary.map(function (id) {
      var k = facet.index.get(id);
      return k === undefined ? -1 : k;
    });
    var column = M[facet.column];
    var per = new Array(N);
    for (var i = 0; i < N; i++) {
      var values = Array.isArray(column[i]) ? column[i] : [column[i]];
      var own = [];
      for (var j = 0; j < values.length; j++) {
        var k = values[j] >= 0 ? toOption[values[j]] : -1;
        if (k >= 0) own.push(k);
      }
      per[i] = own;
    }
    opts[facet.key] = per;
  });
  var collab = new Uint8Array(N);
  (M.collab_open_at_build || []).forEach(function (i, n) {
    var until = (M.collab_until || [])[n];
    if (i >= 0 && i < N && (!until || until >= today)) collab[i] = 1;
  });
  var itemLibs = new Array(N);
  var classMask = {}; // size key -> Uint32Array of classes any library falls into
  var missing = new Uint16Array(N); // bits of size figures none of the libraries has
  SIZE.forEach(function (size) { classMask[size.key] = new Uint32Array(N); });
  for (var i0 = 0; i0 < N; i0++) {
    var libs = sizeLibraries(M.libraries[i0]);
    itemLibs[i0] = libs;
    for (var s0 = 0; s0 < SIZE.length; s0++) {
      var size = SIZE[s0];
      var mask = 0;
      var has = false;
      for (var l0 = 0; l0 < libs.length; l0++) {
        var v = libFig[size.fig][libs[l0]];
        if (isNaN(v)) continue;
        has = true;
        for (var c = 0; c < size.classes.length; c++) {
          if (v >= size.classes[c][0] && v <= size.classes[c][1]) mask |= 1 << c;
        }
      }
      classMask[size.key][i0] = mask;
      if (!has) missing[i0] |= 1 << BIT[size.key];
    }
  }
  var figuresDone = new Uint8Array(N);
  function fillFigures(i) {
    // The cards name their libraries; the figures come from the data block.
    figuresDone[i] = 1;
    var spans = els[i].querySelectorAll(".bib-card__library");
    var own = M.libraries[i];
    for (var k = 0; k < spans.length && k < own.length; k++) {
      var text = figures(LIBRARY_LIST[own[k]] || {});
      if (text) spans[k].appendChild(document.createTextNode(" (" + text + ")"));
    }
  }
  var titleRank = null;
  function titleOrder() {
    if (!titleRank) {
      var collator = new Intl.Collator("de", { sensitivity: "base", numeric: true });
      var titles = els.map(function (el) {
        var a = el.querySelector(".bib-card__title");
        return a ? a.textContent.trim() : "";
      });
      var order = ids.map(function (_, i) { return i; });
      order.sort(function (a, b) { return collator.compare(titles[a], titles[b]) || a - b; });
      titleRank = new Int32Array(N);
      order.forEach(function (item, rank) { titleRank[item] = rank; });
    }
    return titleRank;
  }

  // --- state -----------------------------------------------------------------------------
  function emptyState() {
    return {
      sel: { thema: [], zielgruppe: [], status: [], aufwand: [] },
      koop: false,
      range: { einwohner: null, flaeche: null, vzae: null },
      q: "",
      sort: "",
      toolkit: [],
      profile: { p: NaN, a: NaN, s: NaN, lib: "" }
    };
  }
  var state = emptyState();
  var STORAGE_KEY = "bib-katalog-profil";
  var topicIds = LIST_FACETS[0].ids;

  function cleanIds(values, allowed, limit) {
    var out = [];
    values.forEach(function (v) {
      v = v.trim();
      if (allowed.indexOf(v) >= 0 && out.indexOf(v) < 0) out.push(v);
    });
    return limit ? out.slice(0, limit) : out;
  }
  function profileFromLibrary(id) {
    var lib = LIBS[id];
    return { p: typeof lib.p === "number" ? lib.p : NaN, a: typeof lib.a === "number" ? lib.a : NaN,
      s: typeof lib.s === "number" ? lib.s : NaN, lib: id };
  }
  function hasProfile() {
    var p = state.profile;
    return !isNaN(p.p) || !isNaN(p.a) || !isNaN(p.s);
  }

  function readAddress() {
    var params = new URLSearchParams(window.location.search);
    var s = emptyState();
    LIST_FACETS.forEach(function (facet) {
      var raw = params.get(facet.key);
      if (raw) s.sel[facet.key] = cleanIds(raw.split(","), facet.ids);
    });
    s.koop = params.get("kooperation") === "offen";
    SIZE.forEach(function (size) {
      s.range[size.key] = parseRange(params.get(size.key));
    });
    s.q = (params.get("q") || "").slice(0, 200);
    var sort = params.get("sortierung");
    if (SORTS.indexOf(sort) >= 0) s.sort = sort;
    var toolkit = params.get("toolkit");
    if (toolkit) s.toolkit = cleanIds(toolkit.split(","), topicIds, 5);
    var lib = params.get("bibliothek");
    var fromAddress = false;
    if (lib && LIBS[lib]) {
      s.profile = profileFromLibrary(lib);
      fromAddress = true;
    }
    SIZE.forEach(function (size) {
      var v = parseAddressNumber(params.get("profil_" + size.key) || "");
      if (!isNaN(v)) {
        s.profile[size.fig] = v;
        fromAddress = true;
      }
    });
    return { state: s, profileInAddress: fromAddress };
  }

  function loadStoredProfile() {
    try {
      var stored = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "null");
      if (!stored || typeof stored !== "object") return null;
      var profile = { p: NaN, a: NaN, s: NaN, lib: "" };
      ["p", "a", "s"].forEach(function (k) {
        if (typeof stored[k] === "number" && stored[k] >= 0) profile[k] = stored[k];
      });
      if (typeof stored.lib === "string" && LIBS[stored.lib]) profile.lib = stored.lib;
      var toolkit = Array.isArray(stored.toolkit) ? cleanIds(stored.toolkit, topicIds, 5) : [];
      return { profile: profile, toolkit: toolkit };
    } catch (error) {
      return null;
    }
  }
  function storeProfile() {
    var p = state.profile;
    var toolkit = toolkitChoice();
    try {
      if (!hasProfile() && !p.lib && !toolkit.length) {
        window.localStorage.removeItem(STORAGE_KEY);
        return;
      }
      var value = { lib: p.lib, toolkit: toolkit };
      ["p", "a", "s"].forEach(function (k) { if (!isNaN(p[k])) value[k] = p[k]; });
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(value));
    } catch (error) {
      // storage may be switched off; the profile then lasts for this visit
    }
  }

  function addressOf(s) {
    var parts = [];
    function add(key, value) {
      if (value) parts.push(key + "=" + value);
    }
    add("q", s.q ? encodeURIComponent(s.q) : "");
    LIST_FACETS.forEach(function (facet) {
      add(facet.key, s.sel[facet.key].map(encodeURIComponent).join(","));
    });
    add("kooperation", s.koop ? "offen" : "");
    SIZE.forEach(function (size) {
      add(size.key, s.range[size.key] ? formatRange(s.range[size.key]) : "");
    });
    add("sortierung", s.sort);
    add("toolkit", s.toolkit.join(","));
    if (s.profile.lib) {
      add("bibliothek", encodeURIComponent(s.profile.lib));
    }
    var libProfile = s.profile.lib ? profileFromLibrary(s.profile.lib) : null;
    SIZE.forEach(function (size) {
      var v = s.profile[size.fig];
      var same = libProfile && (libProfile[size.fig] === v || (isNaN(v) && isNaN(libProfile[size.fig])));
      if (!isNaN(v) && !same) add("profil_" + size.key, String(v));
    });
    return parts.length ? "?" + parts.join("&") : "";
  }

  // --- similarity and toolkit ------------------------------------------------------------
  var distance = new Float64Array(N); // Infinity when nothing comparable
  var signed = new Float64Array(N);
  var closest = new Int32Array(N);
  var toolkitScore = new Uint8Array(N);
  var profileVersion = 0;

  function computeDistances() {
    var p = state.profile;
    var lp = { p: Math.log(p.p + 1), a: Math.log(p.a + 1), s: Math.log(p.s + 1) };
    var nLibs = libIds.length;
    var libD = new Float64Array(nLibs);
    var libS = new Float64Array(nLibs);
    for (var L = 0; L < nLibs; L++) {
      var sum = 0;
      var sgn = 0;
      var n = 0;
      for (var k = 0; k < 3; k++) {
        var f = "pas"[k];
        var v = libFig[f][L];
        if (isNaN(v) || isNaN(p[f])) continue;
        var d = Math.log(v + 1) - lp[f];
        sum += Math.abs(d);
        sgn += d;
        n++;
      }
      libD[L] = n ? sum / n : Infinity;
      libS[L] = n ? sgn / n : 0;
    }
    for (var i = 0; i < N; i++) {
      var best = Infinity;
      var bestLib = -1;
      var libs = itemLibs[i];
      for (var j = 0; j < libs.length; j++) {
        if (libD[libs[j]] < best) {
          best = libD[libs[j]];
          bestLib = libs[j];
        }
      }
      distance[i] = best;
      signed[i] = bestLib >= 0 ? libS[bestLib] : 0;
      closest[i] = bestLib;
    }
    profileVersion++;
  }
  function closenessWords(i) {
    var d = distance[i];
    var s = signed[i];
    if (!isFinite(d)) return ["nicht vergleichbar", "keine passenden Angaben"];
    var lib = LIBS[libIds[closest[i]]].n;
    var words;
    if (d < 0.25) words = "sehr ähnlich wie Ihre Bibliothek";
    else if (d < 0.7) words = "ähnlich wie Ihre Bibliothek";
    else {
      var degree = d < 1.5 ? "etwas " : "deutlich ";
      if (s > d * 0.5) words = degree + "größer als Ihre Bibliothek";
      else if (s < -d * 0.5) words = degree + "kleiner als Ihre Bibliothek";
      else words = "teils größer, teils kleiner als Ihre Bibliothek";
    }
    return [words, lib];
  }
  function computeToolkit() {
    var priorities = state.toolkit;
    var topics = opts.thema;
    var weight = priorities.map(function (id, rank) {
      return { option: LIST_FACETS[0].index.get(id), weight: 1 << (4 - rank) };
    });
    for (var i = 0; i < N; i++) {
      var score = 0;
      for (var w = 0; w < weight.length; w++) {
        if (topics[i].indexOf(weight[w].option) >= 0) score += weight[w].weight;
      }
      toolkitScore[i] = score;
    }
  }

  // --- full-text search ------------------------------------------------------------------
  var index = null;
  var indexState = ""; // "", "loading", "ready", "failed"
  var indexRefs = null; // lunr ref -> item number
  var searchHits = null; // Uint8Array when a search is active
  var searchScore = new Float64Array(N);
  var searchPlan = null; // words of the current query, for highlighting
  var searchedQuery = null;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }
  function expandIndex(c) {
    // Inverse of generator/search_index.py:compact_index -> lunr's serialised index.
    var fields = c.fields;
    var inverted = [];
    var vectors = Object.create(null);
    var vectorRefs = [];
    var scores = c.scores;
    var si = 0;
    var previous = "";
    for (var k = 0; k < c.terms.length; k++) {
      var coded = c.terms[k];
      var t = previous.slice(0, +coded[0]) + coded.slice(1);
      previous = t;
      var posting = { _index: k };
      var row = c.postings[k];
      var pos = 0;
      for (var f = 0; f < fields.length; f++) {
        var count = row[pos++];
        var docs = {};
        var doc = 0;
        for (var j = 0; j < count; j++) {
          doc += row[pos++];
          docs[doc] = {};
          var ref = fields[f] + "/" + doc;
          var vector = vectors[ref];
          if (!vector) {
            vector = vectors[ref] = [];
            vectorRefs.push(ref);
          }
          vector.push(k, scores[si++] / 1000);
        }
        posting[fields[f]] = docs;
      }
      inverted.push([t, posting]);
    }
    return {
      version: c.lunr,
      fields: fields,
      fieldVectors: vectorRefs.map(function (ref) { return [ref, vectors[ref]]; }),
      invertedIndex: inverted,
      pipeline: c.pipeline
    };
  }
  function loadIndex() {
    if (indexState) return;
    indexState = "loading";
    loadScript(root.getAttribute("data-lunr"))
      .then(function () {
        return fetch(root.getAttribute("data-index"));
      })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (compact) {
        var lunr = window.lunr;
        lunr.Pipeline.registerFunction(function (token) {
          var t = term(token.toString());
          return t ? token.update(function () { return t; }) : undefined;
        }, PIPELINE_LABEL);
        index = lunr.Index.load(expandIndex(compact));
        indexRefs = compact.ids.map(function (id) {
          var i = idIndex.get(id);
          return i === undefined ? -1 : i;
        });
        indexState = "ready";
        searchedQuery = null;
        schedule();
      })
      .catch(function () {
        indexState = "failed";
        schedule();
      });
  }
  function planQuery(q) {
    var words = tokenize(q);
    var typing = words.length && /[\p{L}\p{N}]$/u.test(q);
    var plan = [];
    words.forEach(function (word, n) {
      var exact = term(word);
      var prefix = null;
      if (typing && n === words.length - 1) {
        var folded = fold(word);
        if (folded.length >= 3) prefix = folded;
      }
      if (exact || prefix) plan.push({ exact: exact, prefix: prefix });
    });
    return plan;
  }
  function runSearch() {
    var q = state.q.trim();
    if (!q) {
      searchHits = null;
      searchPlan = null;
      searchedQuery = "";
      return;
    }
    if (indexState !== "ready") {
      loadIndex();
      return;
    }
    if (searchedQuery === q) return;
    searchedQuery = q;
    var plan = planQuery(q);
    searchPlan = plan;
    if (!plan.length) {
      searchHits = null;
      return;
    }
    var lunr = window.lunr;
    var total = null;
    plan.forEach(function (word) {
      var results = index.query(function (query) {
        if (word.exact) query.term(word.exact, { usePipeline: false });
        if (word.prefix) {
          query.term(word.prefix, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
        }
      });
      var scores = new Map();
      results.forEach(function (r) {
        var item = indexRefs[+r.ref];
        if (item >= 0) scores.set(item, r.score);
      });
      if (total === null) {
        total = scores;
      } else {
        var both = new Map();
        total.forEach(function (score, item) {
          if (scores.has(item)) both.set(item, score + scores.get(item));
        });
        total = both;
      }
    });
    searchHits = new Uint8Array(N);
    searchScore.fill(0);
    total.forEach(function (score, item) {
      searchHits[item] = 1;
      searchScore[item] = score;
    });
  }

  // --- highlighting ----------------------------------------------------------------------
  var highlighted = new Map(); // item -> [[element, original text], ...]
  function matches(word) {
    var folded = fold(word);
    var stemmed = folded.length >= 2 && !STOP_WORDS.has(folded) ? stem(folded) : null;
    for (var k = 0; k < searchPlan.length; k++) {
      var w = searchPlan[k];
      if (stemmed && w.exact === stemmed) return true;
      if (w.prefix && folded.lastIndexOf(w.prefix, 0) === 0) return true;
    }
    return false;
  }
  function markText(element) {
    var text = element.textContent;
    var frag = document.createDocumentFragment();
    var last = 0;
    var found = false;
    var re = new RegExp(WORD.source, "gu");
    var m;
    while ((m = re.exec(text))) {
      if (!matches(m[0])) continue;
      found = true;
      frag.appendChild(document.createTextNode(text.slice(last, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      frag.appendChild(mark);
      last = m.index + m[0].length;
    }
    if (!found) return null;
    frag.appendChild(document.createTextNode(text.slice(last)));
    element.textContent = "";
    element.appendChild(frag);
    return text;
  }
  function unmark(item) {
    var saved = highlighted.get(item);
    if (!saved) return;
    saved.forEach(function (pair) { pair[0].textContent = pair[1]; });
    highlighted.delete(item);
  }
  function highlight(item) {
    unmark(item);
    var targets = els[item].querySelectorAll(".bib-card__title a, .bib-card__summary");
    var saved = [];
    for (var t = 0; t < targets.length; t++) {
      var original = markText(targets[t]);
      if (original !== null) saved.push([targets[t], original]);
    }
    if (saved.length) highlighted.set(item, saved);
  }

  function highlightFrom(start, budget) {
    // The first hits at once, the rest in small batches after the results are on screen.
    var done = 0;
    for (var k = start; k < N; k++) {
      var item = order[k];
      if (!shown[item] || highlighted.has(item)) continue;
      highlight(item);
      if (++done >= budget) {
        var key = highlightKey;
        var next = k + 1;
        window.setTimeout(function () {
          if (highlightKey === key) highlightFrom(next, 300);
        }, 0);
        return;
      }
    }
  }

  // --- rendering -------------------------------------------------------------------------
  var fail = new Uint16Array(N);
  var shown = new Uint8Array(N).fill(1); // 1 = in the list on the page
  var onPage = ids.map(function (_, i) { return i; }); // items in the list, in order
  var order = ids.map(function (_, i) { return i; });
  var orderKey = "neueste";
  var closenessDone = new Int32Array(N); // profile version written into each card
  var highlightKey = "";
  var countSpans = new Map(); // input -> span

  function effectiveSort() {
    if (state.sort) return state.sort;
    if (state.q.trim() && searchHits) return "relevanz";
    if (hasProfile()) return "aehnlich";
    return "neueste";
  }

  function computeFailures() {
    fail.fill(0);
    LIST_FACETS.forEach(function (facet) {
      var selected = state.sel[facet.key];
      if (!selected.length) return;
      var wanted = new Uint8Array(facet.ids.length);
      selected.forEach(function (id) { wanted[facet.index.get(id)] = 1; });
      var per = opts[facet.key];
      var bit = 1 << BIT[facet.key];
      for (var i = 0; i < N; i++) {
        var own = per[i];
        var ok = false;
        for (var j = 0; j < own.length; j++) {
          if (wanted[own[j]]) {
            ok = true;
            break;
          }
        }
        if (!ok) fail[i] |= bit;
      }
    });
    if (state.koop) {
      for (var i = 0; i < N; i++) if (!collab[i]) fail[i] |= 1 << BIT.kooperation;
    }
    SIZE.forEach(function (size) {
      var range = state.range[size.key];
      if (!range) return;
      var bit = 1 << BIT[size.key];
      var values = libFig[size.fig];
      var lo = range[0];
      var hi = range[1];
      for (var i = 0; i < N; i++) {
        var libs = itemLibs[i];
        var ok = false;
        for (var j = 0; j < libs.length; j++) {
          var v = values[libs[j]];
          if (v >= lo && v <= hi) {
            ok = true;
            break;
          }
        }
        if (!ok) fail[i] |= bit;
      }
    });
    if (searchHits) {
      for (var k = 0; k < N; k++) if (!searchHits[k]) fail[k] |= 1 << BIT.q;
    }
  }

  function countOptions() {
    // One pass: an item counts for the options of every facet when it passes all filters,
    // and for the options of facet f when f is the only filter it fails.
    var counts = {};
    LIST_FACETS.forEach(function (facet) { counts[facet.key] = new Int32Array(facet.ids.length); });
    SIZE.forEach(function (size) { counts[size.key] = new Int32Array(size.classes.length); });
    var collabCount = 0;
    var leftOut = 0;
    var leftOutBits = 0;
    for (var i = 0; i < N; i++) {
      var m = fail[i];
      if (m && (m & (m - 1))) {
        if ((m & ~missing[i]) === 0) {
          leftOut++;
          leftOutBits |= m;
        }
        continue;
      }
      if (m && (m & ~missing[i]) === 0) {
        leftOut++;
        leftOutBits |= m;
      }
      for (var f = 0; f < LIST_FACETS.length; f++) {
        var facet = LIST_FACETS[f];
        if (m && m !== 1 << BIT[facet.key]) continue;
        var own = opts[facet.key][i];
        var c = counts[facet.key];
        for (var j = 0; j < own.length; j++) c[own[j]]++;
      }
      if (collab[i] && (!m || m === 1 << BIT.kooperation)) collabCount++;
      for (var s = 0; s < SIZE.length; s++) {
        var size = SIZE[s];
        if (m && m !== 1 << BIT[size.key]) continue;
        var mask = classMask[size.key][i];
        var sc = counts[size.key];
        for (var b = 0; mask; b++, mask >>>= 1) if (mask & 1) sc[b]++;
      }
    }
    return { counts: counts, collab: collabCount, leftOut: leftOut, leftOutBits: leftOutBits };
  }

  function setCount(input, n) {
    var span = countSpans.get(input);
    if (span === undefined) {
      span = input.parentNode.querySelector(".bib-count");
      countSpans.set(input, span);
    }
    if (!span) return;
    var text = "(" + numberFormat.format(n) + ")";
    if (span.textContent !== text) span.textContent = text;
  }

  function reorder(sort) {
    var key = sort + "|" + (state.toolkit.join(",")) + "|" +
      (sort === "aehnlich" ? profileVersion : "") + "|" + (sort === "relevanz" ? searchedQuery : "");
    if (key === orderKey) return;
    orderKey = key;
    var primary = state.toolkit.length ? toolkitScore : null;
    var rank = sort === "titel" ? titleOrder() : null;
    var next = ids.map(function (_, i) { return i; });
    next.sort(function (a, b) {
      if (primary && primary[a] !== primary[b]) return primary[b] - primary[a];
      if (sort === "titel") return rank[a] - rank[b];
      if (sort === "aehnlich" && distance[a] !== distance[b]) {
        return distance[a] < distance[b] ? -1 : 1;
      }
      if (sort === "relevanz" && searchScore[a] !== searchScore[b]) {
        return searchScore[b] - searchScore[a];
      }
      return a - b;
    });
    order = next;
  }

  function writeCloseness(i) {
    var el = els[i];
    var box = el.querySelector(".bib-card__closeness");
    if (!hasProfile()) {
      if (box) box.remove();
      closenessDone[i] = 0;
      return;
    }
    if (!box) {
      box = document.createElement("p");
      box.className = "bib-card__closeness";
      el.appendChild(box);
    }
    var words = closenessWords(i);
    box.textContent = "";
    var strong = document.createElement("strong");
    strong.textContent = "Größe: " + words[0];
    box.appendChild(strong);
    box.appendChild(document.createTextNode(" (" + words[1] + ")"));
    closenessDone[i] = profileVersion;
  }

  function statusText(visible, info) {
    var text = visible === N
      ? "Alle " + plural(N, "Maßnahme", "Maßnahmen") + "."
      : plural(visible, "Maßnahme", "Maßnahmen") + " von " + numberFormat.format(N) +
        (visible === 1 ? " passt." : " passen.");
    if (visible > limit) text += " Angezeigt: die ersten " + numberFormat.format(limit) + ".";
    if (state.q.trim() && indexState === "loading") text += " Die Volltextsuche wird geladen …";
    if (state.q.trim() && indexState === "failed") {
      text += " Die Volltextsuche ist gerade nicht verfügbar.";
    }
    if (info.leftOut) {
      var names = SIZE.filter(function (size) {
        return info.leftOutBits & (1 << BIT[size.key]);
      }).map(function (size) { return size.name; });
      text += " " + plural(info.leftOut, "Maßnahme", "Maßnahmen") +
        " ausgeblendet, weil den Bibliotheken die Angabe fehlt (" + names.join(", ") + ").";
    }
    if (visible === 0) text += " Entfernen Sie einen Filter, um mehr zu sehen.";
    return text;
  }

  // results shown at once; "Weitere Ergebnisse anzeigen" adds as many (data-page-size: tests)
  var PAGE = Math.max(1, parseInt(root.getAttribute("data-page-size"), 10) || 20);
  var limit = PAGE;
  var moreButton = $("bib-more");

  function render() {
    runSearch();
    computeFailures();
    var info = countOptions();
    reorder(effectiveSort());
    // The list holds only the page on screen: the first `limit` matches in display order.
    // (Hiding thousands of sibling cards makes Chromium rebuild its layout tree in
    // quadratic time; taking them out of the document costs next to nothing.)
    var visible = 0;
    var next = [];
    for (var k = 0; k < N; k++) {
      var i = order[k];
      if (fail[i] === 0 && ++visible <= limit) next.push(i);
    }
    var same = next.length === onPage.length;
    for (var n = 0; same && n < next.length; n++) same = next[n] === onPage[n];
    if (!same) {
      for (var p = 0; p < onPage.length; p++) shown[onPage[p]] = 0;
      var nodes = next.map(function (item) {
        shown[item] = 1;
        if (!figuresDone[item]) fillFigures(item);
        return els[item];
      });
      if (list.replaceChildren) {
        list.replaceChildren.apply(list, nodes);
      } else {
        list.textContent = "";
        var frag = document.createDocumentFragment();
        nodes.forEach(function (node) { frag.appendChild(node); });
        list.appendChild(frag);
      }
      onPage = next;
    }
    if (hasProfile()) {
      for (var j = 0; j < N; j++) {
        if (shown[j] && closenessDone[j] !== profileVersion) writeCloseness(j);
      }
    } else {
      for (var c = 0; c < N; c++) if (closenessDone[c]) writeCloseness(c);
    }
    // highlighting of the visible hits
    var key = searchHits && searchPlan ? searchedQuery : "";
    if (key !== highlightKey) {
      highlighted.forEach(function (_, item) { unmark(item); });
      highlightKey = key;
    }
    if (key) highlightFrom(0, 60);
    var rest = visible - Math.min(visible, limit);
    moreButton.hidden = rest === 0;
    if (rest) {
      moreButton.textContent = "Weitere " + numberFormat.format(Math.min(rest, PAGE)) +
        " von " + numberFormat.format(rest) + " Ergebnissen anzeigen";
    }
    // counts per option
    LIST_FACETS.forEach(function (facet) {
      var counts = info.counts[facet.key];
      facet.inputs.forEach(function (input, n) { setCount(input, counts[n]); });
    });
    SIZE.forEach(function (size) {
      var counts = info.counts[size.key];
      size.classRadios.forEach(function (radio, n) { setCount(radio, counts[n]); });
    });
    if (collabInput) setCount(collabInput, info.collab);
    updateSummaries();
    var text = statusText(visible, info);
    if (statusBox.textContent !== text) statusBox.textContent = text;
    root.setAttribute("data-visible", String(visible));
    root.setAttribute("data-search", indexState || "idle");
    $("bib-toolkit-off").hidden = !state.toolkit.length;
    if (sortSelect.value !== effectiveSort()) sortSelect.value = effectiveSort();
    var address = window.location.pathname + addressOf(state) + window.location.hash;
    if (address !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(window.history.state, "", address);
    }
  }

  var pending = false;
  function schedule(keepPage) {
    if (!keepPage) limit = PAGE;
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      render();
    });
  }
  window.bibFinderRender = render; // for tests and the benchmark: render synchronously

  function updateSummaries() {
    root.querySelectorAll(".bib-facet").forEach(function (details) {
      var key = details.getAttribute("data-facet");
      var active = "";
      if (state.sel[key] && state.sel[key].length) active = "(" + state.sel[key].length + " gewählt)";
      if (state.range[key]) active = "(" + formatRange(state.range[key]).replace("-", " bis ") + ")";
      var span = details.querySelector(".bib-facet__active");
      if (span && span.textContent !== active) span.textContent = active;
    });
  }

  // --- form <-> state --------------------------------------------------------------------
  function showRange(size) {
    var range = state.range[size.key];
    var value = range ? formatRange(range) : "";
    size.radios.forEach(function (radio) {
      radio.checked = range ? radio.value === value : radio.value === "";
    });
    size.min.value = range && isFinite(range[0]) ? numberFormat.format(range[0]) : "";
    size.max.value = range && isFinite(range[1]) ? numberFormat.format(range[1]) : "";
  }
  function showProfile() {
    var p = state.profile;
    $("bib-profile-library").value = p.lib && LIBS[p.lib] ? p.lib : "";
    SIZE.forEach(function (size) {
      $("bib-profile-" + size.key).value = isNaN(p[size.fig]) ? "" : numberFormat.format(p[size.fig]);
    });
  }
  function showToolkit(priorities) {
    for (var n = 1; n <= 5; n++) $("bib-toolkit-" + n).value = priorities[n - 1] || "";
  }
  function toolkitChoice() {
    var chosen = [];
    for (var n = 1; n <= 5; n++) chosen.push($("bib-toolkit-" + n).value);
    return cleanIds(chosen, topicIds, 5);
  }
  function showState() {
    LIST_FACETS.forEach(function (facet) {
      facet.inputs.forEach(function (input) {
        input.checked = state.sel[facet.key].indexOf(input.value) >= 0;
      });
    });
    if (collabInput) collabInput.checked = state.koop;
    SIZE.forEach(showRange);
    queryInput.value = state.q;
    showProfile();
    root.querySelectorAll(".bib-facet").forEach(function (details) {
      var key = details.getAttribute("data-facet");
      if ((state.sel[key] && state.sel[key].length) || state.range[key]) details.open = true;
    });
  }

  function profileChanged() {
    computeDistances();
    storeProfile();
    schedule();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  form.addEventListener("change", function (event) {
    var target = event.target;
    var name = target.name;
    var facet = LIST_FACETS.filter(function (f) { return f.key === name; })[0];
    if (facet) {
      state.sel[name] = facet.inputs.filter(function (i) { return i.checked; })
        .map(function (i) { return i.value; });
    } else if (name === "kooperation") {
      state.koop = target.checked;
    } else if (/-klasse$/.test(name)) {
      var size = SIZE.filter(function (s) { return s.key + "-klasse" === name; })[0];
      state.range[size.key] = parseRange(target.value);
      showRange(size);
    } else if (target === sortSelect) {
      state.sort = SORTS.indexOf(sortSelect.value) >= 0 ? sortSelect.value : "";
    } else if (target.id === "bib-profile-library") {
      var id = target.value;
      if (id && LIBS[id]) {
        state.profile = profileFromLibrary(id);
        if (LIBS[id].t) showToolkit(LIBS[id].t);
      } else {
        state.profile.lib = "";
      }
      showProfile();
      profileChanged();
      return;
    } else if (target.classList.contains("bib-toolkit-priority")) {
      storeProfile();
      return;
    } else {
      return;
    }
    schedule();
  });
  form.addEventListener("input", function (event) {
    var target = event.target;
    if (target === queryInput) {
      state.q = queryInput.value.slice(0, 200);
      if (state.q.trim()) loadIndex();
      schedule();
      return;
    }
    var size = SIZE.filter(function (s) { return target === s.min || target === s.max; })[0];
    if (size) {
      var lo = size.min.value.trim() ? parseNumber(size.min.value) : -Infinity;
      var hi = size.max.value.trim() ? parseNumber(size.max.value) : Infinity;
      size.min.setAttribute("aria-invalid", String(isNaN(lo)));
      size.max.setAttribute("aria-invalid", String(isNaN(hi)));
      var range = null;
      if (!isNaN(lo) && !isNaN(hi) && (isFinite(lo) || isFinite(hi)) && lo <= hi) range = [lo, hi];
      state.range[size.key] = range;
      var value = range ? formatRange(range) : "";
      size.radios.forEach(function (radio) {
        radio.checked = range ? radio.value === value : radio.value === "";
      });
      schedule();
      return;
    }
    var figure = SIZE.filter(function (s) { return target.id === "bib-profile-" + s.key; })[0];
    if (figure) {
      var v = parseNumber(target.value);
      target.setAttribute("aria-invalid", String(target.value.trim() !== "" && isNaN(v)));
      state.profile[figure.fig] = v;
      if (state.profile.lib) {
        // the figures no longer are the library's own
        state.profile.lib = "";
        $("bib-profile-library").value = "";
      }
      profileChanged();
    }
  });
  $("bib-profile-clear").addEventListener("click", function () {
    state.profile = { p: NaN, a: NaN, s: NaN, lib: "" };
    showToolkit([]);
    showProfile();
    try {
      window.localStorage.removeItem(STORAGE_KEY);
    } catch (error) {
      // nothing stored
    }
    computeDistances();
    schedule();
  });
  $("bib-toolkit-apply").addEventListener("click", function () {
    var priorities = toolkitChoice();
    state.toolkit = priorities;
    state.sel.thema = priorities.slice();
    computeToolkit();
    storeProfile();
    showState();
    schedule();
  });
  $("bib-toolkit-off").addEventListener("click", function () {
    state.toolkit = [];
    computeToolkit();
    schedule();
    $("bib-toolkit-apply").focus();
  });
  $("bib-reset").addEventListener("click", function () {
    var profile = state.profile;
    state = emptyState();
    state.profile = profile;
    computeToolkit();
    showState();
    schedule();
  });

  moreButton.addEventListener("click", function () {
    var first = null;
    for (var k = 0, seen = 0; k < N; k++) {
      if (fail[order[k]] === 0 && ++seen === limit + 1) {
        first = els[order[k]];
        break;
      }
    }
    limit += PAGE;
    render();
    var link = first && first.querySelector("a");
    if (link) link.focus(); // keyboard users continue at the first new result
  });

  // --- start -----------------------------------------------------------------------------
  var librarySelect = $("bib-profile-library");
  libIds.slice().sort(function (a, b) {
    return LIBS[a].n.localeCompare(LIBS[b].n, "de");
  }).forEach(function (id) {
    var lib = LIBS[id];
    var L = libIds.indexOf(id);
    if (isNaN(libFig.p[L]) && isNaN(libFig.a[L]) && isNaN(libFig.s[L])) return;
    var option = document.createElement("option");
    option.value = id;
    option.textContent = lib.n;
    librarySelect.appendChild(option);
  });

  var restored = readAddress();
  state = restored.state;
  var stored = loadStoredProfile();
  if (!restored.profileInAddress && stored) state.profile = stored.profile;
  if (stored && stored.toolkit.length) showToolkit(stored.toolkit);
  if (state.toolkit.length) showToolkit(state.toolkit);
  else if (state.profile.lib && LIBS[state.profile.lib].t && !(stored && stored.toolkit.length)) {
    showToolkit(LIBS[state.profile.lib].t);
  }
  computeDistances();
  computeToolkit();
  showState();
  root.hidden = false;
  render();
})();
