/* The finder on /massnahmen/ (README, section Finder): wires the modules together and
 * starts. Without it the page is the full list, newest first. */

import { bindFacets, createFilters, readCatalogue } from "./filters.js";
import { createForm } from "./form.js";
import { createOrder, createRenderer } from "./render.js";
import { createSearch, fold, stem, term, tokenize } from "./search.js";
import { createSimilarity, loadStoredProfile } from "./similarity.js";
import { cleanIds, readAddress, TOOLKIT_LIMIT } from "./url_state.js";

function start() {
  const root = document.getElementById("bib-finder");
  const list = document.getElementById("bib-results");
  const dataBlock = document.getElementById("bib-finder-data");
  const form = document.getElementById("bib-finder-form");
  if (!root || !list || !dataBlock || !form) return;
  let data;
  try {
    data = JSON.parse(dataBlock.textContent);
  } catch (error) {
    return;
  }
  window.bibFinderText = { tokenize, fold, stem, term }; // for tests

  const facets = bindFacets(form, data);
  const cat = readCatalogue(data, list, facets);
  if (!cat) return; // page and data do not belong together
  const finder = { root, list, form, cat, facets, state: null };
  finder.filters = createFilters(cat, facets);
  finder.similarity = createSimilarity(cat);
  finder.search = createSearch(cat,
    { lunr: root.getAttribute("data-lunr"), index: root.getAttribute("data-index") },
    () => finder.renderer.schedule());
  finder.ordering = createOrder(cat, facets, finder.similarity, finder.search);
  finder.renderer = createRenderer(finder);
  const ui = createForm(finder);
  ui.listen();
  window.bibFinderRender = finder.renderer.render; // for tests and the benchmark: render now

  ui.listLibraries();
  const restored = readAddress(window.location.search, facets, cat.libs);
  finder.state = restored.state;
  const state = finder.state;
  const stored = loadStoredProfile(cat.libs, (ids) => cleanIds(ids, facets.topics.ids, TOOLKIT_LIMIT));
  if (!restored.profileInAddress && stored) state.profile = stored.profile;
  if (stored && stored.toolkit.length) ui.showToolkit(stored.toolkit);
  if (state.toolkit.length) ui.showToolkit(state.toolkit);
  else if (state.profile.lib && cat.libs[state.profile.lib].t && !(stored && stored.toolkit.length)) {
    ui.showToolkit(cat.libs[state.profile.lib].t);
  }
  finder.similarity.compute(state.profile);
  finder.ordering.computeToolkit(state.toolkit);
  ui.showState();
  root.hidden = false;
  finder.renderer.render();
}

start();
