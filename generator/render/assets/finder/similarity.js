/* "Bibliotheken wie unsere": the reader's profile (in localStorage, only in this browser)
 * and each measure's closest library: mean |ln(a+1) − ln(b+1)| over the figures both have. */

const STORAGE_KEY = "bib-katalog-profil";

export function emptyProfile() {
  return { p: NaN, a: NaN, s: NaN, lib: "" };
}
export function hasProfile(profile) {
  return !isNaN(profile.p) || !isNaN(profile.a) || !isNaN(profile.s);
}
export function profileFromLibrary(libs, id) {
  const lib = libs[id];
  return { p: typeof lib.p === "number" ? lib.p : NaN, a: typeof lib.a === "number" ? lib.a : NaN,
    s: typeof lib.s === "number" ? lib.s : NaN, lib: id };
}

// {profile, toolkit} or null; clean(ids) keeps the catalogue's topics.
export function loadStoredProfile(libs, clean) {
  try {
    const stored = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "null");
    if (!stored || typeof stored !== "object") return null;
    const profile = emptyProfile();
    ["p", "a", "s"].forEach((k) => {
      if (typeof stored[k] === "number" && stored[k] >= 0) profile[k] = stored[k];
    });
    if (typeof stored.lib === "string" && libs[stored.lib]) profile.lib = stored.lib;
    return { profile, toolkit: Array.isArray(stored.toolkit) ? clean(stored.toolkit) : [] };
  } catch (error) {
    return null;
  }
}
export function storeProfile(p, toolkit) {
  try {
    if (!hasProfile(p) && !p.lib && !toolkit.length) {
      window.localStorage.removeItem(STORAGE_KEY);
      return;
    }
    const value = { lib: p.lib, toolkit };
    ["p", "a", "s"].forEach((k) => { if (!isNaN(p[k])) value[k] = p[k]; });
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(value));
  } catch (error) {
    // storage may be switched off; the profile then lasts for this visit
  }
}
export function forgetProfile() {
  try {
    window.localStorage.removeItem(STORAGE_KEY);
  } catch (error) {
    // nothing stored
  }
}

export function createSimilarity(cat) {
  const N = cat.N;
  const sim = {
    distance: new Float64Array(N), // Infinity when nothing comparable
    signed: new Float64Array(N), // > 0: the library is larger
    closest: new Int32Array(N), // library position, -1 when none
    version: 0, // counts profile changes
    compute,
    words
  };

  function compute(p) {
    const lp = { p: Math.log(p.p + 1), a: Math.log(p.a + 1), s: Math.log(p.s + 1) };
    const nLibs = cat.libIds.length;
    const libD = new Float64Array(nLibs);
    const libS = new Float64Array(nLibs);
    for (let L = 0; L < nLibs; L++) {
      let sum = 0;
      let sgn = 0;
      let n = 0;
      for (let k = 0; k < 3; k++) {
        const f = "pas"[k];
        const v = cat.libFig[f][L];
        if (isNaN(v) || isNaN(p[f])) continue;
        const d = Math.log(v + 1) - lp[f];
        sum += Math.abs(d);
        sgn += d;
        n++;
      }
      libD[L] = n ? sum / n : Infinity;
      libS[L] = n ? sgn / n : 0;
    }
    for (let i = 0; i < N; i++) {
      let best = Infinity;
      let bestLib = -1;
      const libs = cat.itemLibs[i];
      for (let j = 0; j < libs.length; j++) {
        if (libD[libs[j]] < best) {
          best = libD[libs[j]];
          bestLib = libs[j];
        }
      }
      sim.distance[i] = best;
      sim.signed[i] = bestLib >= 0 ? libS[bestLib] : 0;
      sim.closest[i] = bestLib;
    }
    sim.version++;
  }

  // [how close, closest library] for item i.
  function words(i) {
    const d = sim.distance[i];
    const s = sim.signed[i];
    if (!isFinite(d)) return ["nicht vergleichbar", "keine passenden Angaben"];
    const lib = cat.libs[cat.libIds[sim.closest[i]]].n;
    let text;
    if (d < 0.25) text = "sehr ähnlich wie Ihre Bibliothek";
    else if (d < 0.7) text = "ähnlich wie Ihre Bibliothek";
    else {
      const degree = d < 1.5 ? "etwas " : "deutlich ";
      if (s > d * 0.5) text = degree + "größer als Ihre Bibliothek";
      else if (s < -d * 0.5) text = degree + "kleiner als Ihre Bibliothek";
      else text = "teils größer, teils kleiner als Ihre Bibliothek";
    }
    return [text, lib];
  }

  return sim;
}
