/* The board /kooperationen/ (generator/render/board.py): filters the entries by their data-
 * attributes. Without this script the page is the grouped list and the form stays hidden.
 *
 * Facets are the form's fieldsets: data-attribute names the entry attribute with the
 * option values (data-kind="seeking offering"), data-figure the one with the libraries'
 * figures (data-population="4800 23000"), whose options are ranges "MIN-MAX" (inclusive,
 * one side may be empty). AND between facets, OR within one; a size option lets an entry
 * through when any of its figures lies in the range. The counts are faceted, as in the
 * finder (finder/filters.js): an option counts the entries that pass every other facet and
 * have the option. The selection lives in the query string (art=seeking&thema=a,b).
 * All work is linear in the number of entries. */

const numberFormat = new Intl.NumberFormat("de-DE");

// "MIN-MAX" -> [min, max]; null when malformed.
function parseRange(text) {
  const m = /^(\d+(?:\.\d+)?)?-(\d+(?:\.\d+)?)?$/.exec(text || "");
  if (!m || (m[1] === undefined && m[2] === undefined)) return null;
  const min = m[1] === undefined ? -Infinity : parseFloat(m[1]);
  const max = m[2] === undefined ? Infinity : parseFloat(m[2]);
  return min <= max ? [min, max] : null;
}

function words(text) {
  return (text || "").split(/\s+/).filter((word) => word !== "");
}

// The facets of the form, each with its options in the form's order.
function readFacets(form) {
  const facets = [];
  form.querySelectorAll("fieldset[data-facet]").forEach((fieldset) => {
    const key = fieldset.getAttribute("data-facet");
    const figure = fieldset.getAttribute("data-figure");
    const attribute = figure || fieldset.getAttribute("data-attribute");
    if (!key || !attribute || facets.some((facet) => facet.key === key)) return;
    const facet = { key, attribute: "data-" + attribute, size: Boolean(figure),
      inputs: [], values: [], ranges: [], counter: [], index: new Map() };
    fieldset.querySelectorAll('input[type="checkbox"]').forEach((input) => {
      if (input.name !== key || facet.index.has(input.value)) return;
      const range = facet.size ? parseRange(input.value) : null;
      if (facet.size && !range) return; // an option that can never match is left out
      facet.index.set(input.value, facet.inputs.length);
      facet.inputs.push(input);
      facet.values.push(input.value);
      facet.ranges.push(range);
      facet.counter.push(input.parentNode.querySelector(".bib-count"));
    });
    if (facet.inputs.length) facets.push(facet);
  });
  return facets;
}

// Per facet and entry: the numbers of the options the entry has.
function readEntries(entries, facets) {
  return facets.map((facet) => entries.map((entry) => {
    const raw = words(entry.getAttribute(facet.attribute));
    const own = [];
    if (facet.size) {
      const figures = raw.map(Number).filter((v) => Number.isFinite(v));
      facet.ranges.forEach((range, k) => {
        if (figures.some((v) => v >= range[0] && v <= range[1])) own.push(k);
      });
    } else {
      raw.forEach((value) => {
        const k = facet.index.get(value);
        if (k !== undefined && own.indexOf(k) < 0) own.push(k);
      });
    }
    return own;
  }));
}

// The selection of a query string: known values only, each once, in the form's order.
function readAddress(search, facets) {
  const params = new URLSearchParams(search);
  return facets.map((facet) => {
    const wanted = new Uint8Array(facet.values.length);
    params.getAll(facet.key).forEach((raw) => {
      raw.split(",").forEach((value) => {
        const k = facet.index.get(value.trim());
        if (k !== undefined) wanted[k] = 1;
      });
    });
    return wanted;
  });
}

// The query string of a selection; parameters not the board's are kept as they were.
function addressOf(search, facets, selection) {
  const ours = new Set(facets.map((facet) => facet.key));
  const parts = search.replace(/^\?/, "").split("&").filter((part) => {
    if (!part) return false;
    let key = part.split("=")[0];
    try {
      key = decodeURIComponent(key.replace(/\+/g, " "));
    } catch (error) {
      return true;
    }
    return !ours.has(key);
  });
  facets.forEach((facet, f) => {
    const chosen = facet.values.filter((_, k) => selection[f][k]);
    if (chosen.length) parts.push(facet.key + "=" + chosen.map(encodeURIComponent).join(","));
  });
  return parts.length ? "?" + parts.join("&") : "";
}

function start() {
  const form = document.getElementById("bib-board-filters");
  const statusLine = document.getElementById("bib-board-status");
  const emptyNote = document.getElementById("bib-board-empty");
  const reset = document.getElementById("bib-board-reset");
  const panel = document.getElementById("bib-board-panel");
  const active = document.getElementById("bib-board-active");
  const entries = Array.from(document.querySelectorAll(".bib-board__entry"));
  const N = entries.length;
  if (!form || !statusLine || !N) return;
  const facets = readFacets(form);
  const own = readEntries(entries, facets);
  // Each group's list holds only the entries shown, in the page's order: hiding thousands
  // of sibling elements makes Chromium rebuild its layout tree in quadratic time, taking
  // them out of the document costs next to nothing (as in the finder, finder/render.js).
  const groups = Array.from(document.querySelectorAll(".bib-board__group")).map((section) => ({
    section, count: section.querySelector(".bib-board__group-count"),
    list: section.querySelector(".bib-board__list"), members: [], onPage: []
  }));
  entries.forEach((entry, i) => {
    const group = groups.find((g) => g.section === entry.closest(".bib-board__group"));
    if (group && entry.parentNode === group.list) group.members.push(i);
  });
  groups.forEach((group) => { group.onPage = group.members.slice(); });
  const fail = new Uint32Array(N); // per entry: bits of the facets it does not pass
  let selection = readAddress(window.location.search, facets);

  function showSelection() {
    facets.forEach((facet, f) => {
      facet.inputs.forEach((input, k) => { input.checked = selection[f][k] === 1; });
    });
  }

  function computeFailures() {
    fail.fill(0);
    facets.forEach((facet, f) => {
      const wanted = selection[f];
      if (wanted.indexOf(1) < 0) return;
      const bit = 1 << f;
      const per = own[f];
      for (let i = 0; i < N; i++) {
        const options = per[i];
        let ok = false;
        for (let j = 0; j < options.length && !ok; j++) ok = wanted[options[j]] === 1;
        if (!ok) fail[i] |= bit;
      }
    });
  }

  // One pass: an entry counts for the options of every facet when it passes all of them,
  // and for those of facet f when f is the only one it fails.
  function countOptions() {
    const counts = facets.map((facet) => new Int32Array(facet.values.length));
    for (let i = 0; i < N; i++) {
      const m = fail[i];
      if (m & (m - 1)) continue; // fails two facets or more
      for (let f = 0; f < facets.length; f++) {
        if (m && m !== 1 << f) continue;
        const options = own[f][i];
        for (let j = 0; j < options.length; j++) counts[f][options[j]]++;
      }
    }
    return counts;
  }

  function setText(node, text) {
    if (node && node.textContent !== text) node.textContent = text;
  }

  function render() {
    computeFailures();
    const counts = countOptions();
    const filtered = selection.some((wanted) => wanted.indexOf(1) >= 0);
    let visible = 0;
    groups.forEach((group) => {
      const next = group.members.filter((i) => fail[i] === 0);
      visible += next.length;
      let same = next.length === group.onPage.length;
      for (let n = 0; same && n < next.length; n++) same = next[n] === group.onPage[n];
      if (!same) {
        const nodes = document.createDocumentFragment();
        next.forEach((i) => { nodes.appendChild(entries[i]); });
        group.list.textContent = "";
        group.list.appendChild(nodes);
        group.onPage = next;
      }
      setText(group.count, "(" + numberFormat.format(next.length) + ")");
      const hide = filtered && next.length === 0;
      if (group.section.hidden !== hide) group.section.hidden = hide;
    });
    facets.forEach((facet, f) => {
      facet.counter.forEach((span, k) => { setText(span, "(" + numberFormat.format(counts[f][k]) + ")"); });
    });
    const noun = N === 1 ? "Kooperation" : "Kooperationen";
    setText(statusLine, filtered
      ? numberFormat.format(visible) + " von " + numberFormat.format(N) + " " + noun
      : (N === 1 ? "1 Kooperation" : "Alle " + numberFormat.format(N) + " Kooperationen"));
    if (emptyNote) emptyNote.hidden = visible > 0;
    const chosen = selection.reduce((sum, wanted) => sum + wanted.reduce((a, b) => a + b, 0), 0);
    setText(active, chosen ? "(" + numberFormat.format(chosen) + " aktiv)" : "");
    const address = window.location.pathname +
      addressOf(window.location.search, facets, selection) + window.location.hash;
    if (address !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(window.history.state, "", address);
    }
  }

  form.addEventListener("submit", (event) => { event.preventDefault(); });
  form.addEventListener("change", (event) => {
    const f = facets.findIndex((facet) => facet.inputs.indexOf(event.target) >= 0);
    if (f < 0) return;
    selection[f] = Uint8Array.from(facets[f].inputs, (input) => (input.checked ? 1 : 0));
    render();
  });
  if (reset) {
    reset.addEventListener("click", () => {
      selection = facets.map((facet) => new Uint8Array(facet.values.length));
      showSelection();
      render();
    });
  }
  window.addEventListener("popstate", () => {
    selection = readAddress(window.location.search, facets);
    showSelection();
    render();
  });

  showSelection();
  if (panel && !window.matchMedia("(min-width: 45em)").matches) {
    panel.open = selection.some((wanted) => wanted.indexOf(1) >= 0);
  }
  form.hidden = false;
  render();
  document.documentElement.setAttribute("data-bib-board", "ready"); // for tests
}

start();
