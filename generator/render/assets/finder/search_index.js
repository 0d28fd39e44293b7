/* Loaded on the first search (search.js): the index expanded for lunr, queries, and the
 * marks of the searched words in the cards. */

import { fold, PIPELINE_LABEL, term, termOfFolded, tokenize, WORD } from "./search.js";

// Inverse of generator/index/search_index.py:compact_index -> lunr's serialised index.
function expandIndex(c) {
  const fields = c.fields;
  const inverted = [];
  const vectors = Object.create(null);
  const vectorRefs = [];
  const scores = c.scores;
  let si = 0;
  let previous = "";
  for (let k = 0; k < c.terms.length; k++) {
    const coded = c.terms[k];
    const t = previous.slice(0, +coded[0]) + coded.slice(1);
    previous = t;
    const posting = { _index: k };
    const row = c.postings[k];
    let pos = 0;
    for (let f = 0; f < fields.length; f++) {
      const count = row[pos++];
      const docs = {};
      let doc = 0;
      for (let j = 0; j < count; j++) {
        doc += row[pos++];
        docs[doc] = {};
        const ref = fields[f] + "/" + doc;
        let vector = vectors[ref];
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
    fields,
    fieldVectors: vectorRefs.map((ref) => [ref, vectors[ref]]),
    invertedIndex: inverted,
    pipeline: c.pipeline
  };
}

// Every word must match; the last one, while it is being typed, also as a prefix (from 3
// letters): [{exact, prefix}], either may be null.
function planQuery(q) {
  const words = tokenize(q);
  const typing = words.length && /[\p{L}\p{N}]$/u.test(q);
  const plan = [];
  words.forEach((word, n) => {
    const exact = term(word);
    let prefix = null;
    if (typing && n === words.length - 1) {
      const folded = fold(word);
      if (folded.length >= 3) prefix = folded;
    }
    if (exact || prefix) plan.push({ exact, prefix });
  });
  return plan;
}

// search: the state of search.js, which this engine updates.
export function createEngine(cat, search, compact) {
  const lunr = window.lunr;
  lunr.Pipeline.registerFunction((token) => {
    const t = term(token.toString());
    return t ? token.update(() => t) : undefined;
  }, PIPELINE_LABEL);
  const index = lunr.Index.load(expandIndex(compact));
  const indexRefs = compact.ids.map((id) => { // lunr ref -> item number
    const i = cat.idIndex.get(id);
    return i === undefined ? -1 : i;
  });

  function run(q) {
    const plan = planQuery(q);
    search.plan = plan;
    if (!plan.length) {
      search.hits = null;
      return;
    }
    let total = null;
    plan.forEach((word) => {
      const results = index.query((query) => {
        if (word.exact) query.term(word.exact, { usePipeline: false });
        if (word.prefix) {
          query.term(word.prefix, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
        }
      });
      const scores = new Map();
      results.forEach((r) => {
        const item = indexRefs[+r.ref];
        if (item >= 0) scores.set(item, r.score);
      });
      if (total === null) {
        total = scores;
      } else {
        const both = new Map();
        total.forEach((score, item) => {
          if (scores.has(item)) both.set(item, score + scores.get(item));
        });
        total = both;
      }
    });
    search.hits = new Uint8Array(cat.N);
    search.score.fill(0);
    total.forEach((score, item) => {
      search.hits[item] = 1;
      search.score[item] = score;
    });
  }

  const highlighter = createHighlighter(cat, search);
  return { run, mark: highlighter.update };
}

// Marks the searched words in the titles and summaries of the cards on the page.
function createHighlighter(cat, search) {
  const highlighted = new Map(); // item -> [[element, original text], ...]
  let key = ""; // the query the marks are for
  let view = null; // {order, shown} of the renderer, read when a batch runs

  function matches(word) {
    const folded = fold(word);
    const stemmed = termOfFolded(folded);
    const plan = search.plan;
    for (let k = 0; k < plan.length; k++) {
      const w = plan[k];
      if (stemmed && w.exact === stemmed) return true;
      if (w.prefix && folded.lastIndexOf(w.prefix, 0) === 0) return true;
    }
    return false;
  }
  function markText(element) {
    const text = element.textContent;
    const frag = document.createDocumentFragment();
    let last = 0;
    let found = false;
    const re = new RegExp(WORD.source, "gu");
    let m;
    while ((m = re.exec(text))) {
      if (!matches(m[0])) continue;
      found = true;
      frag.appendChild(document.createTextNode(text.slice(last, m.index)));
      const mark = document.createElement("mark");
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
    const saved = highlighted.get(item);
    if (!saved) return;
    saved.forEach((pair) => { pair[0].textContent = pair[1]; });
    highlighted.delete(item);
  }
  function highlight(item) {
    unmark(item);
    const targets = cat.els[item].querySelectorAll(".bib-card__title a, .bib-card__summary");
    const saved = [];
    for (let t = 0; t < targets.length; t++) {
      const original = markText(targets[t]);
      if (original !== null) saved.push([targets[t], original]);
    }
    if (saved.length) highlighted.set(item, saved);
  }
  function highlightFrom(start, budget) {
    // The first hits at once, the rest in small batches after the results are on screen.
    let done = 0;
    for (let k = start; k < cat.N; k++) {
      const item = view.order[k];
      if (!view.shown[item] || highlighted.has(item)) continue;
      highlight(item);
      if (++done >= budget) {
        const forKey = key;
        const next = k + 1;
        window.setTimeout(() => {
          if (key === forKey) highlightFrom(next, 300);
        }, 0);
        return;
      }
    }
  }

  function update(current) {
    view = current;
    const next = search.hits && search.plan ? search.query : "";
    if (next !== key) {
      highlighted.forEach((_, item) => { unmark(item); });
      key = next;
    }
    if (key) highlightFrom(0, 60);
  }

  return { update };
}
