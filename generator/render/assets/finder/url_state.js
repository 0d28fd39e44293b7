/* The state and the query string that carries it (README, section Finder, "Address");
 * malformed values are dropped. */

import { emptyProfile, profileFromLibrary } from "./similarity.js";

export const SORTS = ["neueste", "titel", "nachgemacht", "geprueft", "aehnlich", "relevanz"];
export const QUERY_LIMIT = 200; // characters of search text kept
export const TOOLKIT_LIMIT = 5; // toolkit priorities

export function emptyState() {
  return {
    sel: { thema: [], zielgruppe: [], status: [], aufwand: [], bundesland: [], verbund: [] },
    koop: false,
    aktuell: false,
    range: { einwohner: null, flaeche: null, vzae: null },
    q: "",
    sort: "",
    toolkit: [],
    profile: emptyProfile()
  };
}

// In the address numbers are plain: digits, optionally "." and decimals.
export function parseAddressNumber(text) {
  return /^\d+(\.\d+)?$/.test(text) ? parseFloat(text) : NaN;
}
// "MIN-MAX" (inclusive, one side may be empty) -> [min, max], or null.
export function parseRange(text) {
  const m = /^\s*([0-9.]*)\s*-\s*([0-9.]*)\s*$/.exec(text || "");
  if (!m || (!m[1] && !m[2])) return null;
  const min = m[1] ? parseAddressNumber(m[1]) : -Infinity;
  const max = m[2] ? parseAddressNumber(m[2]) : Infinity;
  if (isNaN(min) || isNaN(max) || min > max) return null;
  return [min, max];
}
export function formatRange(range) {
  const n = (x) => (isFinite(x) ? String(Math.round(x * 10000) / 10000) : "");
  return n(range[0]) + "-" + n(range[1]);
}

// Allowed ids among `values`, each once, at most `limit`.
export function cleanIds(values, allowed, limit) {
  const out = [];
  values.forEach((v) => {
    v = v.trim();
    if (allowed.indexOf(v) >= 0 && out.indexOf(v) < 0) out.push(v);
  });
  return limit ? out.slice(0, limit) : out;
}

// {state, profileInAddress} of a query string.
export function readAddress(search, facets, libs) {
  const params = new URLSearchParams(search);
  const s = emptyState();
  facets.list.forEach((facet) => {
    const raw = params.get(facet.key);
    if (raw) s.sel[facet.key] = cleanIds(raw.split(","), facet.ids);
  });
  s.koop = params.get("kooperation") === "offen";
  s.aktuell = params.get("aktuell") === "1";
  facets.sizes.forEach((size) => {
    s.range[size.key] = parseRange(params.get(size.key));
  });
  s.q = (params.get("q") || "").slice(0, QUERY_LIMIT);
  const sort = params.get("sortierung");
  if (SORTS.indexOf(sort) >= 0) s.sort = sort;
  const toolkit = params.get("toolkit");
  if (toolkit) s.toolkit = cleanIds(toolkit.split(","), facets.topics.ids, TOOLKIT_LIMIT);
  const lib = params.get("bibliothek");
  let fromAddress = false;
  if (lib && libs[lib]) {
    s.profile = profileFromLibrary(libs, lib);
    fromAddress = true;
  }
  facets.sizes.forEach((size) => {
    const v = parseAddressNumber(params.get("profil_" + size.key) || "");
    if (!isNaN(v)) {
      s.profile[size.fig] = v;
      fromAddress = true;
    }
  });
  return { state: s, profileInAddress: fromAddress };
}

// A chosen library's figures only where the reader changed them.
export function addressOf(s, facets, libs) {
  const parts = [];
  function add(key, value) {
    if (value) parts.push(key + "=" + value);
  }
  add("q", s.q ? encodeURIComponent(s.q) : "");
  facets.list.forEach((facet) => {
    add(facet.key, s.sel[facet.key].map(encodeURIComponent).join(","));
  });
  add("kooperation", s.koop ? "offen" : "");
  add("aktuell", s.aktuell ? "1" : "");
  facets.sizes.forEach((size) => {
    add(size.key, s.range[size.key] ? formatRange(s.range[size.key]) : "");
  });
  add("sortierung", s.sort);
  add("toolkit", s.toolkit.join(","));
  if (s.profile.lib) {
    add("bibliothek", encodeURIComponent(s.profile.lib));
  }
  const libProfile = s.profile.lib ? profileFromLibrary(libs, s.profile.lib) : null;
  facets.sizes.forEach((size) => {
    const v = s.profile[size.fig];
    const same = libProfile && (libProfile[size.fig] === v || (isNaN(v) && isNaN(libProfile[size.fig])));
    if (!isNaN(v) && !same) add("profil_" + size.key, String(v));
  });
  return parts.length ? "?" + parts.join("&") : "";
}
