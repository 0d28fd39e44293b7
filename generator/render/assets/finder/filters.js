/* The filters: the form's facets, the catalogue as per-item columns (read once from the
 * cards and the data block), what a selection lets through and the counts per option. */

import { parseRange } from "./url_state.js";

// Bit positions in the per-item failure mask.
export const BIT = { thema: 0, zielgruppe: 1, status: 2, aufwand: 3, kooperation: 4,
  einwohner: 5, flaeche: 6, vzae: 7, q: 8, bundesland: 9, verbund: 10, aktuell: 11 };

// Options of the data block ([value, label]) in the page's markup; without any, hidden.
function addOptions(form, key, options) {
  const details = form.querySelector('[data-facet="' + key + '"]');
  details.hidden = !options.length;
  options.forEach((option) => {
    const li = details.querySelector("ul").appendChild(document.createElement("li"));
    li.innerHTML = '<label><input type="checkbox" name="' + key + '"> <span class="bib-count"></span></label>';
    li.querySelector("input").value = option[0];
    li.querySelector("input").after(" " + option[1]);
  });
}

// list: checkbox facets over a column of the data block, or over its libraries (no column);
// sizes: figures (classes, range).
export function bindFacets(form, data) {
  const byId = (id) => document.getElementById(id);
  const inputsNamed = (name) => Array.from(form.querySelectorAll('input[name="' + name + '"]'));
  const M = data.measures || {};
  addOptions(form, "bundesland", (M.state_names || []).map((name, k) => [M.vocabulary.states[k], name]));
  addOptions(form, "verbund", (data.libraries || []).filter((lib) => lib.m).map((lib) => [lib.id, lib.n])
    .sort((a, b) => a[1].localeCompare(b[1], "de")));
  const list = [
    { key: "thema", column: "topics" },
    { key: "zielgruppe", column: "audiences" },
    { key: "status", column: "status" },
    { key: "aufwand", column: "effort" },
    { key: "bundesland" },
    { key: "verbund" }
  ];
  list.forEach((facet) => {
    facet.inputs = inputsNamed(facet.key);
    facet.ids = facet.inputs.map((input) => input.value);
    facet.index = new Map(facet.ids.map((id, i) => [id, i]));
  });
  const sizes = [
    { key: "einwohner", fig: "p", name: "Einwohner" },
    { key: "flaeche", fig: "a", name: "Fläche" },
    { key: "vzae", fig: "s", name: "Personal" }
  ];
  sizes.forEach((size) => {
    size.radios = inputsNamed(size.key + "-klasse");
    size.classes = [];
    size.classRadios = [];
    size.radios.forEach((radio) => {
      const range = parseRange(radio.value);
      if (range) {
        size.classes.push(range);
        size.classRadios.push(radio);
      }
    });
    size.min = byId("bib-" + size.key + "-min");
    size.max = byId("bib-" + size.key + "-max");
  });
  return { list, sizes, topics: list[0], states: list[4], networks: list[5],
    collabInput: form.querySelector('input[name="kooperation"]'),
    freshInput: form.querySelector('input[name="aktuell"]') };
}

// null when the page and the data block do not belong together.
export function readCatalogue(data, list, facets) {
  const libraries = data.libraries || [];
  const libs = Object.create(null); // id -> {id, n, p, a, s, m, t}
  const libIds = libraries.map((lib) => lib.id);
  libraries.forEach((lib) => { libs[lib.id] = lib; });
  const libFig = { p: new Float64Array(libIds.length), a: new Float64Array(libIds.length),
    s: new Float64Array(libIds.length) };
  libraries.forEach((lib, i) => {
    ["p", "a", "s"].forEach((k) => {
      libFig[k][i] = typeof lib[k] === "number" ? lib[k] : NaN;
    });
  });
  function sizeLibraries(positions) {
    // A network stands for its members (like Catalogue.size_libraries).
    const result = [];
    positions.forEach((L) => {
      const lib = libraries[L];
      if (!lib) return;
      (lib.m && lib.m.length ? lib.m : [L]).forEach((member) => {
        if (libraries[member] && result.indexOf(member) < 0) result.push(member);
      });
    });
    return result;
  }

  const els = Array.from(list.children).filter((el) => el.hasAttribute("data-measure-id"));
  const N = els.length;
  const M = data.measures;
  if (!M || !M.libraries || M.libraries.length !== N) return null;
  const ids = els.map((el) => el.getAttribute("data-measure-id"));
  const idIndex = new Map(ids.map((id, i) => [id, i]));
  const today = new Date().toISOString().slice(0, 10);
  const opts = {}; // facet key -> per item array of option numbers
  facets.list.forEach((facet) => {
    if (!facet.column) return;
    const vocabulary = M.vocabulary[facet.column] || [];
    const toOption = vocabulary.map((id) => {
      const k = facet.index.get(id);
      return k === undefined ? -1 : k;
    });
    const column = M[facet.column];
    const per = new Array(N);
    for (let i = 0; i < N; i++) {
      const values = Array.isArray(column[i]) ? column[i] : [column[i]];
      const own = [];
      for (let j = 0; j < values.length; j++) {
        const k = values[j] >= 0 ? toOption[values[j]] : -1;
        if (k >= 0) own.push(k);
      }
      per[i] = own;
    }
    opts[facet.key] = per;
  });
  const collab = new Uint8Array(N);
  (M.collab_open_at_build || []).forEach((i, n) => {
    const until = (M.collab_until || [])[n];
    if (i >= 0 && i < N && (!until || until >= today)) collab[i] = 1;
  });
  // Months from the last check to the build date's month, sent as differences (sort
  // „geprueft“); stale beyond stale_months, and in that month those of stale_edge: on the
  // build date, like the pages (generator/index/freshness.py does the date arithmetic).
  const checked = new Int32Array(N);
  const fresh = new Uint8Array(N);
  const staleMonths = typeof M.stale_months === "number" ? M.stale_months : Infinity;
  for (let i = 0, sum = 0; i < N; i++) {
    checked[i] = sum += (M.checked || [])[i] || 0;
    fresh[i] = checked[i] <= staleMonths ? 1 : 0;
  }
  let edge = 0;
  (M.stale_edge || []).forEach((gap) => { if ((edge += gap) < N) fresh[edge] = 0; });
  const adopted = new Int32Array(N); // adopters per item (sort „nachgemacht“)
  let at = 0;
  (M.adopted || []).forEach((gap) => { if ((at += gap) < N) adopted[at]++; });
  // Per library: the option of its state, and of the networks it is or belongs to.
  const libState = (M.library_states || []).map((k) => facets.states.index.get(M.vocabulary.states[k]));
  const libNetworks = libIds.map(() => []);
  libraries.forEach((lib, L) => {
    const k = facets.networks.index.get(lib.id);
    if (k >= 0) [L].concat(lib.m).forEach((m) => { if (libNetworks[m]) libNetworks[m].push(k); });
  });
  const add = (own, k) => { if (k >= 0 && own.indexOf(k) < 0) own.push(k); };
  opts.bundesland = [];
  opts.verbund = [];
  const itemLibs = new Array(N);
  const classMask = {}; // size key -> Uint32Array of classes any library falls into
  const missing = new Uint16Array(N); // bits of size figures none of the libraries has
  facets.sizes.forEach((size) => { classMask[size.key] = new Uint32Array(N); });
  for (let i = 0; i < N; i++) {
    const own = sizeLibraries(M.libraries[i]);
    itemLibs[i] = own;
    // states of the size libraries and of a network itself; networks of the libraries
    const states = (opts.bundesland[i] = []);
    const networks = (opts.verbund[i] = []);
    own.concat(M.libraries[i]).forEach((L) => { add(states, libState[L]); });
    M.libraries[i].forEach((L) => { (libNetworks[L] || []).forEach((k) => { add(networks, k); }); });
    for (const size of facets.sizes) {
      let mask = 0;
      let has = false;
      for (let l = 0; l < own.length; l++) {
        const v = libFig[size.fig][own[l]];
        if (isNaN(v)) continue;
        has = true;
        for (let c = 0; c < size.classes.length; c++) {
          if (v >= size.classes[c][0] && v <= size.classes[c][1]) mask |= 1 << c;
        }
      }
      classMask[size.key][i] = mask;
      if (!has) missing[i] |= 1 << BIT[size.key];
    }
  }
  return {
    N, els, ids, idIndex, measureLibraries: M.libraries,
    libraries, libs, libIds, libFig, itemLibs, opts, collab, classMask, missing, adopted,
    checked, fresh, buildDate: M.build_date, staleLabel: M.stale_label || ""
  };
}

export function createFilters(cat, facets) {
  const N = cat.N;
  const fail = new Uint16Array(N); // per item: bits of the filters it does not pass

  function computeFailures(state, searchHits) {
    fail.fill(0);
    facets.list.forEach((facet) => {
      const selected = state.sel[facet.key];
      if (!selected.length) return;
      const wanted = new Uint8Array(facet.ids.length);
      selected.forEach((id) => { wanted[facet.index.get(id)] = 1; });
      const per = cat.opts[facet.key];
      const bit = 1 << BIT[facet.key];
      for (let i = 0; i < N; i++) {
        const own = per[i];
        let ok = false;
        for (let j = 0; j < own.length; j++) {
          if (wanted[own[j]]) {
            ok = true;
            break;
          }
        }
        if (!ok) fail[i] |= bit;
      }
    });
    if (state.koop) {
      for (let i = 0; i < N; i++) if (!cat.collab[i]) fail[i] |= 1 << BIT.kooperation;
    }
    if (state.aktuell) {
      for (let i = 0; i < N; i++) if (!cat.fresh[i]) fail[i] |= 1 << BIT.aktuell;
    }
    facets.sizes.forEach((size) => {
      const range = state.range[size.key];
      if (!range) return;
      const bit = 1 << BIT[size.key];
      const values = cat.libFig[size.fig];
      const lo = range[0];
      const hi = range[1];
      for (let i = 0; i < N; i++) {
        const libs = cat.itemLibs[i];
        let ok = false;
        for (let j = 0; j < libs.length; j++) {
          const v = values[libs[j]];
          if (v >= lo && v <= hi) {
            ok = true;
            break;
          }
        }
        if (!ok) fail[i] |= bit;
      }
    });
    if (searchHits) {
      for (let k = 0; k < N; k++) if (!searchHits[k]) fail[k] |= 1 << BIT.q;
    }
  }

  function countOptions() {
    // One pass: an item counts for the options of every facet when it passes all filters,
    // and for the options of facet f when f is the only filter it fails.
    const counts = {};
    facets.list.forEach((facet) => { counts[facet.key] = new Int32Array(facet.ids.length); });
    facets.sizes.forEach((size) => { counts[size.key] = new Int32Array(size.classes.length); });
    let collabCount = 0;
    let freshCount = 0;
    let leftOut = 0;
    let leftOutBits = 0;
    for (let i = 0; i < N; i++) {
      const m = fail[i];
      if (m && (m & (m - 1))) {
        if ((m & ~cat.missing[i]) === 0) {
          leftOut++;
          leftOutBits |= m;
        }
        continue;
      }
      if (m && (m & ~cat.missing[i]) === 0) {
        leftOut++;
        leftOutBits |= m;
      }
      for (let f = 0; f < facets.list.length; f++) {
        const facet = facets.list[f];
        if (m && m !== 1 << BIT[facet.key]) continue;
        const own = cat.opts[facet.key][i];
        const c = counts[facet.key];
        for (let j = 0; j < own.length; j++) c[own[j]]++;
      }
      if (cat.collab[i] && (!m || m === 1 << BIT.kooperation)) collabCount++;
      if (cat.fresh[i] && (!m || m === 1 << BIT.aktuell)) freshCount++;
      for (let s = 0; s < facets.sizes.length; s++) {
        const size = facets.sizes[s];
        if (m && m !== 1 << BIT[size.key]) continue;
        let mask = cat.classMask[size.key][i];
        const sc = counts[size.key];
        for (let b = 0; mask; b++, mask >>>= 1) if (mask & 1) sc[b]++;
      }
    }
    return { counts, collab: collabCount, fresh: freshCount, leftOut, leftOutBits };
  }

  return { fail, computeFailures, countOptions };
}
