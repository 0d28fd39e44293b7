/* Search: the German normaliser – the steps of generator/index/search_text.py, compared by
 * tests/browser/test_search_parity.py: change both and NORMALISER_VERSION – and the state.
 * lunr.js, the index and search_index.js are loaded on the first search, not with the page. */

export const NORMALISER_VERSION = 1;
export const PIPELINE_LABEL = "de-normalise-" + NORMALISER_VERSION;
export const STOP_WORDS = new Set((
  "aber alle allem allen aller alles als also am an auch auf aus bei beim bin bis bzw da " +
  "damit dann das dass dem den denn der des die dies diese diesem diesen dieser dieses doch " +
  "dort du durch ein eine einem einen einer eines er es etwa fur gegen hat hatte hatten " +
  "haben ich ihr ihre ihrem ihren ihrer im in ist ja je jede jedem jeden jeder jedes kann " +
  "konnen man mit nach nicht noch nun nur ob oder ohne sehr sein seine seinem seinen seiner " +
  "sich sie sind so sowie uber um und uns unser unsere unter vom von vor war waren was " +
  "weil wenn werden wie wir wird wo wurde wurden zu zum zur zwischen").split(" "));
export const WORD = /[\p{L}\p{N}]+/gu; // Python: [^\W_]+
const S_ENDING = "bdfghklmnrt"; // letters before a plural/genitive -s
const ST_ENDING = "bdfghklmnt"; // letters before a verb ending -st

export function tokenize(text) {
  return text.match(WORD) || [];
}
export function fold(word) {
  return word.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
    .replace(/ß/g, "ss").replace(/ae/g, "a").replace(/oe/g, "o").replace(/ue/g, "u");
}
export function stem(word) {
  // In code points, as Python counts: 𝐀 (U+1D400) is one letter, not two UTF-16 units.
  const w = Array.from(word);
  let n = w.length;
  const endsWith = (suffix) => w.slice(n - suffix.length, n).join("") === suffix;
  // step 1: plural and case endings
  if (n > 5 && endsWith("ern")) n -= 3;
  else if (n > 4 && w[n - 2] === "e" && "mnrs".includes(w[n - 1])) n -= 2;
  else if (n > 3 && w[n - 1] === "e") n -= 1;
  else if (n > 3 && w[n - 1] === "s" && S_ENDING.includes(w[n - 2])) n -= 1;
  // step 2: comparative/superlative and verb endings
  if (n > 5 && endsWith("est")) n -= 3;
  else if (n > 4 && w[n - 2] === "e" && (w[n - 1] === "r" || w[n - 1] === "n")) n -= 2;
  else if (n > 4 && endsWith("st") && ST_ENDING.includes(w[n - 3])) n -= 2;
  return w.slice(0, n).join("");
}
export function termOfFolded(folded) {
  return Array.from(folded).length < 2 || STOP_WORDS.has(folded) ? null : stem(folded);
}
// The index term of a word, or null when such words are not indexed.
export function term(word) {
  return termOfFolded(fold(word));
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = resolve;
    script.onerror = reject;
    document.head.appendChild(script);
  });
}

// urls: {lunr, index}; changed(): called when the index has loaded or failed to.
export function createSearch(cat, urls, changed) {
  let engine = null; // from search_index.js, once loaded
  const search = {
    state: "", // "", "loading", "ready", "failed"
    hits: null, // Uint8Array when a search is active
    score: new Float64Array(cat.N),
    plan: null, // the query's words
    query: null, // the query the results are for
    load,
    run,
    mark
  };

  function load() {
    if (search.state) return;
    search.state = "loading";
    const index = loadScript(urls.lunr)
      .then(() => fetch(urls.index))
      .then((response) => {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      });
    Promise.all([import("./search_index.js"), index])
      .then(([module, compact]) => {
        engine = module.createEngine(cat, search, compact);
        search.state = "ready";
        search.query = null;
        changed();
      })
      .catch(() => {
        search.state = "failed";
        changed();
      });
  }

  function run(text) {
    const q = text.trim();
    if (!q) {
      search.hits = null;
      search.plan = null;
      search.query = "";
      return;
    }
    if (search.state !== "ready") {
      load();
      return;
    }
    if (search.query === q) return;
    search.query = q;
    engine.run(q);
  }

  // After every render (view: {order, shown} of the renderer).
  function mark(view) {
    if (engine) engine.mark(view);
  }

  return search;
}
