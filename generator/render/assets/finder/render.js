/* The list on the page: the order of the results, the page of them shown, the cards'
 * figures and closeness, the counts, the status line and the address. */

import { BIT } from "./filters.js";
import { hasProfile } from "./similarity.js";
import { addressOf, formatRange } from "./url_state.js";

export const numberFormat = new Intl.NumberFormat("de-DE", { maximumFractionDigits: 2 });
function plural(n, one, many) {
  return numberFormat.format(n) + " " + (n === 1 ? one : many);
}

// "4.800 Einw. · 180 m² · 1,5 VZÄ", as generator/render/formatting.py:figures writes it
export function figures(lib) {
  const parts = [];
  if (typeof lib.p === "number") parts.push(numberFormat.format(lib.p) + " Einw.");
  if (typeof lib.a === "number") parts.push(numberFormat.format(lib.a) + " m²");
  if (typeof lib.s === "number") {
    parts.push(lib.s === 0 ? "ehrenamtlich geführt" : numberFormat.format(lib.s) + " VZÄ");
  } else if (!lib.m) {
    parts.push("VZÄ nicht veröffentlicht");
  }
  return parts.join(" · ");
}

// „zuletzt geprüft im März 2026“, as formatting.py:month writes it
const monthFormat = new Intl.DateTimeFormat("de-DE", { month: "long", year: "numeric", timeZone: "UTC" });
export function checkedMonth(buildDate, monthsBefore) {
  const month = parseInt(buildDate.slice(0, 4), 10) * 12 + parseInt(buildDate.slice(5, 7), 10) - 1 - monthsBefore;
  return monthFormat.format(new Date(Date.UTC(Math.floor(month / 12), month % 12, 1)));
}

export function createOrder(cat, facets, similarity, search) {
  const N = cat.N;
  const toolkitScore = new Uint8Array(N);
  let titleRank = null;
  let orderKey = "neueste";
  const ordering = {
    order: cat.ids.map((_, i) => i), // display order; the page's is newest first
    computeToolkit,
    effectiveSort,
    reorder
  };

  function effectiveSort(state) {
    if (state.sort) return state.sort;
    if (state.q.trim() && search.hits) return "relevanz";
    if (hasProfile(state.profile)) return "aehnlich";
    return "neueste";
  }

  // 16 for the first priority among a measure's topics, 8 for the second, …
  function computeToolkit(priorities) {
    const topics = cat.opts.thema;
    const weight = priorities.map((id, rank) => ({
      option: facets.topics.index.get(id), weight: 1 << (4 - rank)
    }));
    for (let i = 0; i < N; i++) {
      let score = 0;
      for (let w = 0; w < weight.length; w++) {
        if (topics[i].indexOf(weight[w].option) >= 0) score += weight[w].weight;
      }
      toolkitScore[i] = score;
    }
  }

  function titleOrder() {
    if (!titleRank) {
      const collator = new Intl.Collator("de", { sensitivity: "base", numeric: true });
      const titles = cat.els.map((el) => {
        const a = el.querySelector(".bib-card__title");
        return a ? a.textContent.trim() : "";
      });
      const sorted = cat.ids.map((_, i) => i);
      sorted.sort((a, b) => collator.compare(titles[a], titles[b]) || a - b);
      titleRank = new Int32Array(N);
      sorted.forEach((item, rank) => { titleRank[item] = rank; });
    }
    return titleRank;
  }

  function reorder(sort, toolkit) {
    const key = sort + "|" + toolkit.join(",") + "|" +
      (sort === "aehnlich" ? similarity.version : "") + "|" +
      (sort === "relevanz" ? search.query : "");
    if (key === orderKey) return;
    orderKey = key;
    const primary = toolkit.length ? toolkitScore : null;
    const rank = sort === "titel" ? titleOrder() : null;
    const distance = similarity.distance;
    const searchScore = search.score;
    const adopted = cat.adopted;
    const checked = cat.checked;
    const next = cat.ids.map((_, i) => i);
    next.sort((a, b) => {
      if (primary && primary[a] !== primary[b]) return primary[b] - primary[a];
      if (sort === "titel") return rank[a] - rank[b];
      if (sort === "nachgemacht" && adopted[a] !== adopted[b]) return adopted[b] - adopted[a];
      if (sort === "geprueft" && checked[a] !== checked[b]) return checked[a] - checked[b];
      if (sort === "aehnlich" && distance[a] !== distance[b]) {
        return distance[a] < distance[b] ? -1 : 1;
      }
      if (sort === "relevanz" && searchScore[a] !== searchScore[b]) {
        return searchScore[b] - searchScore[a];
      }
      return a - b;
    });
    ordering.order = next;
  }

  return ordering;
}

// finder.state is read at every render.
export function createRenderer(finder) {
  const { root, list, cat, facets, filters, ordering, similarity, search } = finder;
  const N = cat.N;
  const $ = (id) => document.getElementById(id);
  const statusBox = $("bib-finder-status");
  const sortSelect = $("bib-sort");
  const moreButton = $("bib-more");
  const toolkitOff = $("bib-toolkit-off");
  // results shown at once, and added by "Weitere …" (data-page-size: tests)
  const PAGE = Math.max(1, parseInt(root.getAttribute("data-page-size"), 10) || 20);
  let limit = PAGE;
  const shown = new Uint8Array(N).fill(1); // 1 = in the list on the page
  let onPage = cat.ids.map((_, i) => i); // items in the list, in order
  const figuresDone = new Uint8Array(N);
  const closenessDone = new Int32Array(N); // profile version written into each card
  const countSpans = new Map(); // input -> span
  const view = { get order() { return ordering.order; }, shown };

  function fillFigures(i) {
    // The cards name their libraries; the figures come from the data block.
    figuresDone[i] = 1;
    const spans = cat.els[i].querySelectorAll(".bib-card__library");
    const own = cat.measureLibraries[i];
    for (let k = 0; k < spans.length && k < own.length; k++) {
      const text = figures(cat.libraries[own[k]] || {});
      if (text) spans[k].appendChild(document.createTextNode(" (" + text + ")"));
    }
    // Like the cards of the other pages: a link to the measure's „Kontakt aufnehmen“.
    const title = cat.els[i].querySelector(".bib-card__title a");
    const topics = cat.els[i].querySelector(".bib-card__topics");
    if (title && topics) {
      const link = document.createElement("a");
      link.className = "bib-card__contact";
      link.href = title.getAttribute("href") + "#kontakt";
      link.textContent = "Kontakt aufnehmen";
      topics.append(" ", link);
    }
    // Like the cards of the other pages: when the measure was last checked, and whether stale.
    if (cat.buildDate) {
      const line = document.createElement("p");
      line.className = "bib-card__checked";
      line.textContent = "zuletzt geprüft im " + checkedMonth(cat.buildDate, cat.checked[i]);
      if (!cat.fresh[i]) {
        const badge = document.createElement("span");
        badge.className = "bib-stale";
        badge.textContent = cat.staleLabel;
        line.append(" ", badge);
        cat.els[i].setAttribute("data-stale", "true");
      }
      cat.els[i].appendChild(line);
    }
  }

  function writeCloseness(i, profile) {
    const el = cat.els[i];
    let box = el.querySelector(".bib-card__closeness");
    if (!hasProfile(profile)) {
      if (box) box.remove();
      closenessDone[i] = 0;
      return;
    }
    if (!box) {
      box = document.createElement("p");
      box.className = "bib-card__closeness";
      el.appendChild(box);
    }
    const words = similarity.words(i);
    box.textContent = "";
    const strong = document.createElement("strong");
    strong.textContent = "Größe: " + words[0];
    box.appendChild(strong);
    box.appendChild(document.createTextNode(" (" + words[1] + ")"));
    closenessDone[i] = similarity.version;
  }

  function setCount(input, n) {
    let span = countSpans.get(input);
    if (span === undefined) {
      span = input.parentNode.querySelector(".bib-count");
      countSpans.set(input, span);
    }
    if (!span) return;
    const text = "(" + numberFormat.format(n) + ")";
    if (span.textContent !== text) span.textContent = text;
  }

  function statusText(state, visible, info) {
    let text = visible === N
      ? "Alle " + plural(N, "Maßnahme", "Maßnahmen") + "."
      : plural(visible, "Maßnahme", "Maßnahmen") + " von " + numberFormat.format(N) +
        (visible === 1 ? " passt." : " passen.");
    if (visible > limit) text += " Angezeigt: die ersten " + numberFormat.format(limit) + ".";
    if (state.q.trim() && search.state === "loading") text += " Die Volltextsuche wird geladen …";
    if (state.q.trim() && search.state === "failed") {
      text += " Die Volltextsuche ist gerade nicht verfügbar.";
    }
    if (info.leftOut) {
      const names = facets.sizes.filter((size) => info.leftOutBits & (1 << BIT[size.key]))
        .map((size) => size.name);
      text += " " + plural(info.leftOut, "Maßnahme", "Maßnahmen") +
        " ausgeblendet, weil den Bibliotheken die Angabe fehlt (" + names.join(", ") + ").";
    }
    if (visible === 0) text += " Entfernen Sie einen Filter, um mehr zu sehen.";
    return text;
  }

  function updateSummaries(state) {
    root.querySelectorAll(".bib-facet").forEach((details) => {
      const key = details.getAttribute("data-facet");
      let active = "";
      if (state.sel[key] && state.sel[key].length) active = "(" + state.sel[key].length + " gewählt)";
      if (state.range[key]) active = "(" + formatRange(state.range[key]).replace("-", " bis ") + ")";
      const span = details.querySelector(".bib-facet__active");
      if (span && span.textContent !== active) span.textContent = active;
    });
  }

  function render() {
    const state = finder.state;
    const fail = filters.fail;
    search.run(state.q);
    filters.computeFailures(state, search.hits);
    const info = filters.countOptions();
    ordering.reorder(ordering.effectiveSort(state), state.toolkit);
    const order = ordering.order;
    // The list holds only the page on screen: the first `limit` matches in display order.
    // (Hiding thousands of sibling cards makes Chromium rebuild its layout tree in
    // quadratic time; taking them out of the document costs next to nothing.)
    let visible = 0;
    const next = [];
    for (let k = 0; k < N; k++) {
      const i = order[k];
      if (fail[i] === 0 && ++visible <= limit) next.push(i);
    }
    // Every card on screen names its libraries' figures, from the first paint on.
    for (let n = 0; n < next.length; n++) if (!figuresDone[next[n]]) fillFigures(next[n]);
    let same = next.length === onPage.length;
    for (let n = 0; same && n < next.length; n++) same = next[n] === onPage[n];
    if (!same) {
      for (let p = 0; p < onPage.length; p++) shown[onPage[p]] = 0;
      const nodes = next.map((item) => {
        shown[item] = 1;
        return cat.els[item];
      });
      if (list.replaceChildren) {
        list.replaceChildren(...nodes);
      } else {
        list.textContent = "";
        const frag = document.createDocumentFragment();
        nodes.forEach((node) => { frag.appendChild(node); });
        list.appendChild(frag);
      }
      onPage = next;
    }
    if (hasProfile(state.profile)) {
      for (let j = 0; j < N; j++) {
        if (shown[j] && closenessDone[j] !== similarity.version) writeCloseness(j, state.profile);
      }
    } else {
      for (let c = 0; c < N; c++) if (closenessDone[c]) writeCloseness(c, state.profile);
    }
    search.mark(view);
    const rest = visible - Math.min(visible, limit);
    moreButton.hidden = rest === 0;
    if (rest) {
      moreButton.textContent = "Weitere " + numberFormat.format(Math.min(rest, PAGE)) +
        " von " + numberFormat.format(rest) + " Ergebnissen anzeigen";
    }
    facets.list.forEach((facet) => {
      const counts = info.counts[facet.key];
      facet.inputs.forEach((input, n) => { setCount(input, counts[n]); });
    });
    facets.sizes.forEach((size) => {
      const counts = info.counts[size.key];
      size.classRadios.forEach((radio, n) => { setCount(radio, counts[n]); });
    });
    if (facets.collabInput) setCount(facets.collabInput, info.collab);
    if (facets.freshInput) setCount(facets.freshInput, info.fresh);
    updateSummaries(state);
    const text = statusText(state, visible, info);
    if (statusBox.textContent !== text) statusBox.textContent = text;
    root.setAttribute("data-visible", String(visible));
    root.setAttribute("data-search", search.state || "idle");
    toolkitOff.hidden = !state.toolkit.length;
    const sort = ordering.effectiveSort(state);
    if (sortSelect.value !== sort) sortSelect.value = sort;
    const address = window.location.pathname + addressOf(state, facets, cat.libs) + window.location.hash;
    if (address !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(window.history.state, "", address);
    }
  }

  let pending = false;
  // On the next frame; a changed filter starts again at the first page.
  function schedule(keepPage) {
    if (!keepPage) limit = PAGE;
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(() => {
      pending = false;
      render();
    });
  }

  // Keyboard users continue at the first new result.
  function showMore() {
    const fail = filters.fail;
    const order = ordering.order;
    let first = null;
    for (let k = 0, seen = 0; k < N; k++) {
      if (fail[order[k]] === 0 && ++seen === limit + 1) {
        first = cat.els[order[k]];
        break;
      }
    }
    limit += PAGE;
    render();
    const link = first && first.querySelector("a");
    if (link) link.focus();
  }

  return { render, schedule, showMore };
}
