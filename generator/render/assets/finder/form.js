/* The form: shows the state in its controls, turns input into state and renders. */

import { numberFormat } from "./render.js";
import { emptyProfile, forgetProfile, profileFromLibrary, storeProfile } from "./similarity.js";
import {
  cleanIds, emptyState, formatRange, parseRange, QUERY_LIMIT, SORTS, TOOLKIT_LIMIT
} from "./url_state.js";

function parseNumber(text) {
  // German or English notation; "4.800" is read as 4800 when the dot groups thousands.
  let t = String(text).trim().replace(/\s/g, "");
  if (!t) return NaN;
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) t = t.replace(/\./g, "");
  t = t.replace(",", ".");
  return /^\d+(\.\d+)?$/.test(t) ? parseFloat(t) : NaN;
}

export function createForm(finder) {
  const { root, form, cat, facets, similarity, search, ordering } = finder;
  const libs = cat.libs;
  const $ = (id) => document.getElementById(id);
  const queryInput = $("bib-q");
  const sortSelect = $("bib-sort");
  const librarySelect = $("bib-profile-library");
  const schedule = (keepPage) => finder.renderer.schedule(keepPage);

  function showRange(size) {
    const range = finder.state.range[size.key];
    const value = range ? formatRange(range) : "";
    size.radios.forEach((radio) => {
      radio.checked = range ? radio.value === value : radio.value === "";
    });
    size.min.value = range && isFinite(range[0]) ? numberFormat.format(range[0]) : "";
    size.max.value = range && isFinite(range[1]) ? numberFormat.format(range[1]) : "";
  }
  function showProfile() {
    const p = finder.state.profile;
    librarySelect.value = p.lib && libs[p.lib] ? p.lib : "";
    facets.sizes.forEach((size) => {
      $("bib-profile-" + size.key).value = isNaN(p[size.fig]) ? "" : numberFormat.format(p[size.fig]);
    });
  }
  function showToolkit(priorities) {
    for (let n = 1; n <= TOOLKIT_LIMIT; n++) $("bib-toolkit-" + n).value = priorities[n - 1] || "";
  }
  function toolkitChoice() {
    const chosen = [];
    for (let n = 1; n <= TOOLKIT_LIMIT; n++) chosen.push($("bib-toolkit-" + n).value);
    return cleanIds(chosen, facets.topics.ids, TOOLKIT_LIMIT);
  }
  function showState() {
    const state = finder.state;
    facets.list.forEach((facet) => {
      facet.inputs.forEach((input) => {
        input.checked = state.sel[facet.key].indexOf(input.value) >= 0;
      });
    });
    if (facets.collabInput) facets.collabInput.checked = state.koop;
    if (facets.freshInput) facets.freshInput.checked = state.aktuell;
    facets.sizes.forEach(showRange);
    queryInput.value = state.q;
    showProfile();
    root.querySelectorAll(".bib-facet").forEach((details) => {
      const key = details.getAttribute("data-facet");
      if ((state.sel[key] && state.sel[key].length) || state.range[key]) details.open = true;
    });
  }
  // Libraries with at least one figure, by name.
  function listLibraries() {
    cat.libIds.slice().sort((a, b) => libs[a].n.localeCompare(libs[b].n, "de")).forEach((id) => {
      const L = cat.libIds.indexOf(id);
      if (isNaN(cat.libFig.p[L]) && isNaN(cat.libFig.a[L]) && isNaN(cat.libFig.s[L])) return;
      const option = document.createElement("option");
      option.value = id;
      option.textContent = libs[id].n;
      librarySelect.appendChild(option);
    });
  }

  const keepProfile = () => storeProfile(finder.state.profile, toolkitChoice());
  function profileChanged() {
    similarity.compute(finder.state.profile);
    keepProfile();
    schedule();
  }

  function listen() {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
    });
    form.addEventListener("change", (event) => {
      const state = finder.state;
      const target = event.target;
      const name = target.name;
      const facet = facets.list.find((f) => f.key === name);
      if (facet) {
        state.sel[name] = facet.inputs.filter((i) => i.checked).map((i) => i.value);
      } else if (name === "kooperation") {
        state.koop = target.checked;
      } else if (name === "aktuell") {
        state.aktuell = target.checked;
      } else if (/-klasse$/.test(name)) {
        const size = facets.sizes.find((s) => s.key + "-klasse" === name);
        state.range[size.key] = parseRange(target.value);
        showRange(size);
      } else if (target === sortSelect) {
        state.sort = SORTS.indexOf(sortSelect.value) >= 0 ? sortSelect.value : "";
      } else if (target === librarySelect) {
        const id = target.value;
        if (id && libs[id]) {
          state.profile = profileFromLibrary(libs, id);
          if (libs[id].t) showToolkit(libs[id].t);
        } else {
          state.profile.lib = "";
        }
        showProfile();
        profileChanged();
        return;
      } else if (target.classList.contains("bib-toolkit-priority")) {
        keepProfile();
        return;
      } else {
        return;
      }
      schedule();
    });
    form.addEventListener("input", (event) => {
      const state = finder.state;
      const target = event.target;
      if (target === queryInput) {
        state.q = queryInput.value.slice(0, QUERY_LIMIT);
        if (state.q.trim()) search.load();
        schedule();
        return;
      }
      const size = facets.sizes.find((s) => target === s.min || target === s.max);
      if (size) {
        const lo = size.min.value.trim() ? parseNumber(size.min.value) : -Infinity;
        const hi = size.max.value.trim() ? parseNumber(size.max.value) : Infinity;
        size.min.setAttribute("aria-invalid", String(isNaN(lo)));
        size.max.setAttribute("aria-invalid", String(isNaN(hi)));
        let range = null;
        if (!isNaN(lo) && !isNaN(hi) && (isFinite(lo) || isFinite(hi)) && lo <= hi) range = [lo, hi];
        state.range[size.key] = range;
        const value = range ? formatRange(range) : "";
        size.radios.forEach((radio) => {
          radio.checked = range ? radio.value === value : radio.value === "";
        });
        schedule();
        return;
      }
      const figure = facets.sizes.find((s) => target.id === "bib-profile-" + s.key);
      if (figure) {
        const v = parseNumber(target.value);
        target.setAttribute("aria-invalid", String(target.value.trim() !== "" && isNaN(v)));
        state.profile[figure.fig] = v;
        if (state.profile.lib) {
          // the figures no longer are the library's own
          state.profile.lib = "";
          librarySelect.value = "";
        }
        profileChanged();
      }
    });
    $("bib-profile-clear").addEventListener("click", () => {
      finder.state.profile = emptyProfile();
      showToolkit([]);
      showProfile();
      forgetProfile();
      similarity.compute(finder.state.profile);
      schedule();
    });
    $("bib-toolkit-apply").addEventListener("click", () => {
      const priorities = toolkitChoice();
      finder.state.toolkit = priorities;
      finder.state.sel.thema = priorities.slice();
      ordering.computeToolkit(priorities);
      keepProfile();
      showState();
      schedule();
    });
    $("bib-toolkit-off").addEventListener("click", () => {
      finder.state.toolkit = [];
      ordering.computeToolkit(finder.state.toolkit);
      schedule();
      $("bib-toolkit-apply").focus();
    });
    $("bib-reset").addEventListener("click", () => {
      const profile = finder.state.profile;
      finder.state = emptyState();
      finder.state.profile = profile;
      ordering.computeToolkit(finder.state.toolkit);
      showState();
      schedule();
    });
    $("bib-more").addEventListener("click", () => finder.renderer.showMore());
  }

  return { listen, listLibraries, showState, showToolkit };
}
