/* The submission form (/mitmachen/einreichen/): checks the entries while the reader types and
   builds the text of the catalogue files. Runs entirely in the browser: it sends nothing and
   loads nothing; the links to GitHub are ordinary links the reader follows.

   What the rules declare – patterns, limits, vocabularies, ids – arrives from Python in the
   JSON block "bib-submit-data" (generator/render/submit_page.py, submit_data); nothing of it
   is typed here. What must be written twice is exported by this module, and
   tests/browser/test_parity.py imports it to hold it to its Python original: proposeId to
   generator/core/ids.py propose_id, quote to generator/contribute/entry_text.py _q, PATTERNS
   to generator/rules/kinds.py, personalData and personalDataMessage to
   generator/rules/personal_data.py. */

var dataBlock = document.getElementById("bib-submit-data");
var D = dataBlock ? JSON.parse(dataBlock.textContent) : null;

function compile(patterns) {
  var result = {};
  Object.keys(patterns).forEach(function (key) { result[key] = new RegExp(patterns[key]); });
  return Object.freeze(result);
}

/* The patterns of generator/rules/kinds.py (date, partialDate, url, email),
   generator/core/ids.py (id) and generator/rules/personal_data.py (emailInText, phoneInText,
   beforePhone), compiled as they come: their text is valid and means the same in Python,
   JSON Schema and JavaScript. */
export var PATTERNS = D ? compile(D.patterns) : Object.freeze({});

/* Every match of pattern in text, left to right and without overlap, as Python's finditer
   finds them. */
function findAll(pattern, text) {
  var re = new RegExp(pattern.source, "g");
  var found = [];
  var match;
  while ((match = re.exec(text))) {
    found.push(match);
    if (!match[0]) re.lastIndex++;
  }
  return found;
}

/* generator/rules/personal_data.py phone_numbers: candidates with as many digits as
   PHONE_DIGITS allows that do not continue a word or number. */
function phoneNumbers(text) {
  var before = new RegExp("^(?:" + PATTERNS.beforePhone.source + ")");
  var found = [];
  findAll(PATTERNS.phoneInText, text).forEach(function (match) {
    if (match.index && before.test(text.slice(match.index - 1))) return;
    var number = match[0].trim();
    var digits = (number.match(/[0-9]/g) || []).length;
    if (digits >= D.phoneDigits[0] && digits <= D.phoneDigits[1]) found.push(number);
  });
  return found;
}

/* generator/rules/personal_data.py personal_data: [line counted from 1, what was found]
   for every e-mail address and phone number in text. */
export function personalData(text) {
  var found = [];
  text.split("\n").forEach(function (line, index) {
    findAll(PATTERNS.emailInText, line).forEach(function (match) {
      found.push([index + 1, "E-Mail-Adresse „" + match[0] + "“"]);
    });
    phoneNumbers(line).forEach(function (number) {
      found.push([index + 1, "Telefonnummer „" + number + "“"]);
    });
  });
  return found;
}

/* generator/rules/personal_data.py personal_data_message: one find, where it is („im
   Titel“) and where a consented address belongs instead. */
export function personalDataMessage(found, where) {
  return found + " " + where + ". " + D.contactBelongs;
}

// RFC 6068: spaces as %20 (never "+"), line breaks as CRLF.
function mailto(address, subject, body) {
  return "mailto:" + encodeURIComponent(address).replace("%40", "@") + "?subject=" +
    encodeURIComponent(subject) + "&body=" + encodeURIComponent(body.replace(/\n/g, "\r\n"));
}

/* The id variant of generator/core/text.py ascii_fold: "Große Bücher" → "grosse buecher".
   After NFKD an umlaut is its vowel with a combining diaeresis (also after other accents). */
export function asciiFold(text) {
  var t = text.replace(/[ßẞ]/g, "ss").normalize("NFKD")
    .replace(/([aouAOU][\u0300-\u036f]*)\u0308/g, "$1e");
  return t.replace(/[^\x00-\x7f]/g, "").toLowerCase();
}

function idWords(text) { return asciiFold(text).match(/[a-z0-9]+/g) || []; }

/* generator/core/ids.py propose_id: "Meine Maßnahme" → "meine-massnahme"; cut after the last
   whole word that fits; a name without letters or digits gives the fallback id. */
export function proposeId(text) {
  var t = idWords(text).join("-");
  if (t.length > D.maxIdLength) {
    var cut = t.slice(0, D.maxIdLength);
    t = cut.lastIndexOf("-") > 0 ? cut.slice(0, cut.lastIndexOf("-")) : cut;
  }
  return t || D.fallbackId;
}

/* generator/contribute/entry_text.py _q: text as a YAML string in double quotes, which YAML
   reads back unchanged. JSON's escaping, and \uXXXX also for what YAML will not take
   literally: DEL and the C1 controls, U+2028/U+2029 (line breaks for YAML) and the
   non-characters U+FFFE/U+FFFF. */
export function quote(text) {
  return JSON.stringify(text).replace(/[\x7f-\x9f\u2028\u2029\ufffe\uffff]/g, function (c) {
    return "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0");
  });
}

if (D) {
  start();
  startAdoption();
}

function start() {
  var form = document.getElementById("bib-submit");
  if (!form) return;
  var NEW = "__neu__";
  var PARTIAL_DATE = PATTERNS.partialDate;
  var DATE = PATTERNS.date;
  var URL_RE = PATTERNS.url;
  var EMAIL_RE = PATTERNS.email;
  var HTML_RE = /<(\/?[A-Za-z][A-Za-z0-9-]*|!--|\?)/;
  var LINK_RE = /\]\(\s*<?([^)>\s]*)/g;
  var touched = {};
  var showAll = false;

  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });

  function $(id) { return document.getElementById(id); }

  // --- values ------------------------------------------------------------------------------

  function prefix(kind) { return kind === "library" ? "sub-lib-" : "sub-"; }

  function value(kind, key) {
    var el = $(prefix(kind) + key);
    if (!el) return "";
    if (el.tagName === "FIELDSET") {
      return Array.prototype.map.call(
        el.querySelectorAll("input:checked"), function (box) { return box.value; });
    }
    if (el.type === "checkbox") return el.checked;
    // Pasted text can carry invisible line separators that YAML would count as breaks.
    return el.value.replace(/\r\n?|[\u2028\u2029\u0085]/g, "\n").trim();
  }

  function lines(text) {
    return text.split("\n").map(function (line) {
      return line.replace(/^[\s*-]+/, "").trim();
    }).filter(Boolean);
  }

  function oneLine(text) { return text.replace(/\s+/g, " ").trim(); }

  function germanNumber(n) {
    var parts = String(n).split(".");
    parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    return parts.join(",");
  }

  /* "1,5" → "1.5", "4.800" → "4800" (a German thousands separator): the digits as YAML reads
     a number; "" → "", junk → null. */
  function numberText(text) {
    var t = text.replace(/\s/g, "");
    if (t === "") return "";
    if (/^\d{1,3}(\.\d{3})+$/.test(t)) t = t.replace(/\./g, "");
    else t = t.replace(",", ".");
    return /^-?\d+(\.\d+)?$/.test(t) ? t : null;
  }

  /* "1,5" → 1.5, "4.800" → 4800, "" → null, junk → NaN. */
  function parseNumber(text, integer) {
    var t = numberText(text);
    if (t === "") return null;
    if (t === null) return NaN;
    var n = Number(t);
    if (integer && !Number.isInteger(n)) return NaN;
    return n;
  }

  function yearOutside(y) {
    return +y < D.years[0] || +y > D.years[1]
      ? "Das Jahr " + y + " liegt nicht zwischen " + D.years[0] + " und " + D.years[1] +
        ". Bitte das Datum prüfen." : "";
  }

  function validDate(y, m, d) {
    var date = new Date(Date.UTC(+y, +(m || 1) - 1, +(d || 1)));
    return date.getUTCFullYear() === +y && date.getUTCMonth() === +(m || 1) - 1 &&
      date.getUTCDate() === +(d || 1);
  }

  function lastDay(text) {
    var m = PARTIAL_DATE.exec(text);
    if (m[3]) return text;
    if (m[2]) {
      var d = new Date(Date.UTC(+m[1], +m[2], 0));
      return m[1] + "-" + m[2] + "-" + String(d.getUTCDate()).padStart(2, "0");
    }
    return m[1] + "-12-31";
  }

  function firstDay(text) {
    var m = PARTIAL_DATE.exec(text);
    return m[1] + "-" + (m[2] || "01") + "-" + (m[3] || "01");
  }

  // --- checks: each returns a German message or "" -------------------------------------------

  function checkText(spec, text, label) {
    if (!text) return spec.required ? "Bitte ausfüllen." : "";
    if (text.length > spec.max) {
      return (label || "Der Text") + " ist " + germanNumber(text.length) +
        " Zeichen lang; erlaubt sind höchstens " + germanNumber(spec.max) + ".";
    }
    return "";
  }

  function checkNumber(spec, text, required) {
    var n = parseNumber(text, spec.integer);
    if (n === null) return required ? "Bitte eine Zahl eintragen." : "";
    if (isNaN(n)) {
      return spec.integer ? "Bitte eine ganze Zahl ohne Tausenderpunkt eintragen, z. B. 4800."
        : "Bitte eine Zahl eintragen, z. B. 1.5 oder 120.";
    }
    if (spec.exclusive ? n <= spec.minimum : n < spec.minimum) {
      return spec.exclusive ? "Die Zahl muss größer als " + germanNumber(spec.minimum) + " sein."
        : "Die Zahl muss mindestens " + germanNumber(spec.minimum) + " sein.";
    }
    if (spec.maximum !== null && n > spec.maximum) {
      return "Die Zahl darf höchstens " + germanNumber(spec.maximum) + " sein.";
    }
    return "";
  }

  function checkMarkdown(text) {
    if (HTML_RE.test(text.replace(/`[^`]*`/g, ""))) {
      return "HTML (Text in spitzen Klammern wie <b>) ist nicht erlaubt; bitte Markdown " +
        "verwenden, z. B. **fett**.";
    }
    var match;
    LINK_RE.lastIndex = 0;
    while ((match = LINK_RE.exec(text))) {
      var scheme = /^([a-z][a-z0-9+.-]*):/i.exec(match[1].replace(/[\x00-\x20]/g, ""));
      if (scheme && ["http", "https", "mailto"].indexOf(scheme[1].toLowerCase()) < 0) {
        return "Links dürfen nur mit https://, http:// oder mailto: beginnen.";
      }
    }
    return "";
  }

  function checkPartialDate(text) {
    if (!text) return "";
    var m = PARTIAL_DATE.exec(text);
    if (!m) return "Bitte als JJJJ, JJJJ-MM oder JJJJ-MM-TT schreiben, z. B. 2024-06.";
    if (!validDate(m[1], m[2], m[3])) return "Dieses Datum gibt es nicht.";
    return yearOutside(m[1]);
  }

  var M = D.measure;
  var L = D.library;

  var measureChecks = {
    title: function (v) {
      var message = checkText(M.title, v, "Der Titel");
      if (message || !v) return message;
      if (!idWords(v).length) return "Der Titel braucht Buchstaben oder Ziffern.";
      var id = proposeId(v);
      if (D.measureIds.indexOf(id) >= 0) {
        return "Eine Maßnahme mit der Kennung „" + id + "“ gibt es schon. Bitte den Titel " +
          "ändern – oder, wenn es dieselbe Maßnahme ist, die bestehende ergänzen.";
      }
      return "";
    },
    summary: function (v) { return checkText(M.summary, oneLine(v), "Die Zusammenfassung"); },
    topics: function (v) {
      if (v.length < M.topics.min_items) return "Bitte mindestens ein Thema wählen.";
      if (v.length > M.topics.max_items) {
        return "Bitte höchstens " + M.topics.max_items + " Themen wählen (gewählt: " +
          v.length + ").";
      }
      return "";
    },
    audiences: function (v) {
      return v.length > M.audiences.max_items ? "Zu viele Zielgruppen gewählt." : "";
    },
    status: function (v) { return v ? "" : "Bitte den Stand wählen."; },
    period_start: checkPartialDate,
    period_end: function (v) {
      var message = checkPartialDate(v);
      if (message || !v) return message;
      var start = value("measure", "period_start");
      if (start && !checkPartialDate(start) && lastDay(v) < firstDay(start)) {
        return "Das Ende liegt vor dem Beginn.";
      }
      return "";
    },
    effort_level: function () { return ""; },
    staff_hours: function (v) { return checkNumber(M["effort.staff_hours"], v, false); },
    budget_eur: function (v) { return checkNumber(M["effort.budget_eur"], v, false); },
    partners: function (v) {
      var items = lines(v);
      if (items.length > M.partners.max_items) {
        return "Höchstens " + M.partners.max_items + " Partner.";
      }
      for (var i = 0; i < items.length; i++) {
        if (items[i].length > M.partners.max) {
          return "Zeile " + (i + 1) + " ist zu lang (höchstens " + M.partners.max + " Zeichen).";
        }
      }
      return "";
    },
    outcomes: function (v) {
      var items = lines(v);
      var most = M.outcomes.max_items;
      var spec = M["outcomes[].value"];
      if (items.length > most) return "Höchstens " + most + " Ergebnisse.";
      for (var i = 0; i < items.length; i++) {
        var at = items[i].lastIndexOf(":");
        var label = at > 0 ? items[i].slice(0, at).trim() : "";
        var val = at > 0 ? items[i].slice(at + 1).trim() : "";
        if (!label || !val) {
          return "Zeile " + (i + 1) + ": bitte als „Was gezählt wurde: Wert“ schreiben.";
        }
        if (label.length > M["outcomes[].label"].max) return "Zeile " + (i + 1) + ": zu lang.";
        var n = parseNumber(val, false);  // what measureText writes: a number, else text
        if (isNaN(n) && val.length > spec.max) {
          return "Zeile " + (i + 1) + ": der Wert ist zu lang (höchstens " + spec.max +
            " Zeichen).";
        }
        if (!isNaN(n) && (n < spec.minimum || n > spec.maximum)) {
          return "Zeile " + (i + 1) + ": die Zahl muss zwischen " + germanNumber(spec.minimum) +
            " und " + germanNumber(spec.maximum) + " liegen.";
        }
      }
      return "";
    },
    links: function (v) {
      var items = lines(v);
      if (items.length > M.materials.max_items) return "Zu viele Materialien.";
      for (var i = 0; i < items.length; i++) {
        var m = /(\S+:\/\/\S+)\s*$/.exec(items[i]);
        if (!m || !URL_RE.test(m[1])) {
          return "Zeile " + (i + 1) + ": bitte als „Titel: https://…“ schreiben.";
        }
        if (materialTitle(items[i], m).length > M["materials[].title"].max) {
          return "Zeile " + (i + 1) + ": der Titel ist zu lang.";
        }
      }
      return "";
    },
    collaboration: function (v) {
      var spec = { required: false, max: M["collaboration.seeking"].max };
      return checkText(spec, oneLine(v), "Der Text");
    },
    offering: function (v) {
      var spec = { required: false, max: M["collaboration.offering"].max };
      return checkText(spec, oneLine(v), "Der Text");
    },
    situation: function (v) { return v ? checkMarkdown(v) : "Bitte ausfüllen."; },
    implementation: function (v) { return v ? checkMarkdown(v) : "Bitte ausfüllen."; },
    results: function (v) { return v ? checkMarkdown(v) : ""; },
    tips: function (v) { return v ? checkMarkdown(v) : ""; }
  };

  /* "Flyer: https://…" → "Flyer"; without a title the address is the title. */
  function materialTitle(line, match) {
    return line.slice(0, match.index).replace(/^[\s:–-]+|[\s:–-]+$/g, "") || match[1];
  }

  function isGermany() {
    var country = value("library", "country").toUpperCase();
    return !country || country === "DE";
  }

  /* „unbekannt“: the word that states that a library published no such figure. */
  function isUnknown(key, v) { return !!L[key].unknown && v.toLowerCase() === L[key].unknown; }

  var libraryChecks = {
    name: function (v) {
      var message = checkText(L.name, v, "Der Name");
      if (message || !v) return message;
      if (!idWords(v).length) return "Der Name braucht Buchstaben oder Ziffern.";
      var id = proposeId(v);
      if (D.libraryIds.indexOf(id) >= 0) {
        return "Die Bibliothek „" + id + "“ gibt es schon im Katalog – bitte oben auswählen.";
      }
      return "";
    },
    municipality: function (v) { return checkText(L.municipality, v, "Der Name"); },
    state: function (v) {
      if (!isGermany()) return "";
      return v ? "" : "Bitte das Bundesland wählen.";
    },
    country: function (v) {
      if (!v) return "";
      return D.countries.indexOf(v.toUpperCase()) >= 0 ? ""
        : "Bitte einen Ländercode nach ISO 3166-1 aus zwei Buchstaben, z. B. AT.";
    },
    region: function (v) {
      if (isGermany()) return "";
      return v ? checkText(L.state, v, "Der Name") : "Bitte die Region angeben.";
    },
    population: function (v) { return checkNumber(L.population, v, true); },
    area_m2: function (v) {
      if (isUnknown("area_m2", v)) return "";
      return checkNumber(L.area_m2, v, false);
    },
    staff_fte: function (v) {
      if (isUnknown("staff_fte", v)) return "";
      return checkNumber(L.staff_fte, v, true);
    },
    volunteers: function (v) { return checkNumber(L.volunteers, v, false); },
    website: function (v) {
      if (!v) return "";
      if (/^www\./i.test(v)) return "Bitte mit https:// am Anfang: https://" + v;
      return URL_RE.test(v) ? "" : "Bitte eine Webadresse mit https:// am Anfang.";
    },
    email: function (v) {
      if (!v) return "";
      if (!EMAIL_RE.test(v)) return "Das ist keine gültige E-Mail-Adresse (name@beispiel.de).";
      if (!value("library", "email_public")) {
        return "Eine E-Mail-Adresse steht nur mit Einverständnis im Katalog: bitte das " +
          "Kästchen darunter ankreuzen oder die Adresse löschen.";
      }
      return "";
    },
    email_public: function () { return ""; },
    toolkit_date: function (v) {
      if (!v) return "";
      var m = DATE.exec(v);
      if (!m) return "Bitte als JJJJ-MM-TT schreiben, z. B. 2025-03-14.";
      return validDate(m[1], m[2], m[3]) ? yearOutside(m[1]) : "Dieses Datum gibt es nicht.";
    },
    toolkit_priorities: function (v) {
      var most = L["toolkit.priorities"].max_items;
      return v.length > most ? "Bitte höchstens " + most + " Schwerpunkte wählen." : "";
    },
    toolkit_notes: function (v) { return checkText(L["toolkit.notes"], v, "Der Text"); },
    about: function (v) {
      return checkText(L.about, v, "Das Kurzporträt") || (v ? checkMarkdown(v) : "");
    }
  };

  /* Free texts in which validation refuses personal data: the fields whose declared limits
     name a "prose" (where the text is, in the message's words) and the sections of the
     measure's text. The text checked is the one the file gets (one line for the fields
     measureText writes as one line). */
  var ONE_LINE = {
    measure: { title: true, summary: true, collaboration: true, offering: true }, library: {}
  };

  function checkPersonalData(kind, key, v) {
    if (typeof v !== "string" || !v) return "";
    var path = D.fields[kind][key];
    var spec = path && (kind === "library" ? L : M)[path];
    var where = path === "body" ? D.bodyProse : spec && spec.prose;
    if (!where) return "";
    var text = ONE_LINE[kind][key] ? oneLine(v) : v;
    var found = personalData(text);
    if (!found.length) return "";
    if (path !== "body" && text.indexOf("\n") >= 0) {
      where += " (Zeile " + found[0][0] + " des Textes)";  // as rules/kinds.py Text says it
    }
    return personalDataMessage(found[0][1], where);
  }

  // --- showing problems ----------------------------------------------------------------------

  function labelOf(kind, key) {
    var el = $(prefix(kind) + key);
    if (!el) return key;
    var label = el.tagName === "FIELDSET" ? el.querySelector("legend")
      : document.querySelector("label[for='" + el.id + "']");
    return label ? label.textContent.replace("*", "").trim() : key;
  }

  function show(kind, key, message) {
    var el = $(prefix(kind) + key);
    var out = $(prefix(kind) + key + "-error");
    if (!el || !out) return;
    var visible = message && (showAll || touched[el.id]);
    out.textContent = visible ? message : "";
    if (visible) el.setAttribute("aria-invalid", "true");
    else el.removeAttribute("aria-invalid");
  }

  function newLibrary() { return $("sub-library").value === NEW; }

  function collect() {
    var problems = [];
    var library = $("sub-library").value;
    var libraryMessage = library ? "" : "Bitte Ihre Bibliothek wählen.";
    var libEl = $("sub-library");
    var libVisible = libraryMessage && (showAll || touched[libEl.id]);
    $("sub-library-error").textContent = libVisible ? libraryMessage : "";
    if (libVisible) libEl.setAttribute("aria-invalid", "true");
    else libEl.removeAttribute("aria-invalid");
    if (libraryMessage) problems.push({ id: "sub-library", label: "Bibliothek", message: libraryMessage });
    $("sub-newlib").hidden = !newLibrary();
    if (newLibrary()) {
      Object.keys(libraryChecks).forEach(function (key) {
        var v = value("library", key);
        var message = libraryChecks[key](v) || checkPersonalData("library", key, v);
        show("library", key, message);
        if (message) {
          problems.push({ id: prefix("library") + key, label: labelOf("library", key), message: message });
        }
      });
    }
    Object.keys(measureChecks).forEach(function (key) {
      var v = value("measure", key);
      var message = measureChecks[key](v) || checkPersonalData("measure", key, v);
      show("measure", key, message);
      if (message) {
        problems.push({ id: prefix("measure") + key, label: labelOf("measure", key), message: message });
      }
    });
    return problems;
  }

  function idNotes() {
    var title = value("measure", "title");
    $("sub-id-note").textContent = idWords(title).length
      ? "Dateiname: measures/" + proposeId(title) + ".md" : "";
    var name = value("library", "name");
    $("sub-lib-id-note").textContent = idWords(name).length
      ? "Kennung Ihrer Bibliothek: " + proposeId(name) + " (Datei libraries/" +
        proposeId(name) + ".yml)" : "";
  }

  // --- the files -----------------------------------------------------------------------------

  var q = quote;

  /* A checked number as YAML reads it: 1e-7 would be text there, so such a number keeps its
     digits (without leading zeros, which YAML would read as octal). */
  function number(text, integer) {
    var s = String(parseNumber(text, integer));
    return /e/.test(s) ? numberText(text).replace(/^(-?)0+(?=\d)/, "$1") : s;
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" +
      String(d.getDate()).padStart(2, "0");
  }

  function libraryId() { return newLibrary() ? proposeId(value("library", "name")) : $("sub-library").value; }

  function measureText() {
    var out = ["---", "# yaml-language-server: $schema=../schema/measure.schema.json"];
    out.push("title: " + q(oneLine(value("measure", "title"))));
    out.push("summary: " + q(oneLine(value("measure", "summary"))));
    out.push("libraries: [" + libraryId() + "]");
    out.push("topics: [" + value("measure", "topics").join(", ") + "]");
    var audiences = value("measure", "audiences");
    if (audiences.length) out.push("audiences: [" + audiences.join(", ") + "]");
    out.push("status: " + value("measure", "status"));
    var start = value("measure", "period_start");
    var end = value("measure", "period_end");
    if (start || end) {
      out.push("period:");
      if (start) out.push("  start: " + start);
      if (end) out.push("  end: " + end);
    }
    var level = value("measure", "effort_level");
    var hours = value("measure", "staff_hours");
    var budget = value("measure", "budget_eur");
    if (level || hours || budget) {
      out.push("effort:");
      if (level) out.push("  level: " + level);
      if (hours) out.push("  staff_hours: " + number(hours, false));
      if (budget) out.push("  budget_eur: " + number(budget, false));
    }
    var partners = lines(value("measure", "partners"));
    if (partners.length) out.push("partners: [" + partners.map(q).join(", ") + "]");
    var outcomes = lines(value("measure", "outcomes"));
    if (outcomes.length) {
      out.push("outcomes:");
      outcomes.forEach(function (line) {
        var at = line.lastIndexOf(":");
        var val = line.slice(at + 1).trim();
        out.push("  - label: " + q(line.slice(0, at).trim()));
        out.push("    value: " + (isNaN(parseNumber(val, false)) ? q(val) : number(val, false)));
      });
    }
    var links = lines(value("measure", "links"));
    if (links.length) {
      out.push("materials:");
      links.forEach(function (line) {
        var m = /(\S+:\/\/\S+)\s*$/.exec(line);
        var title = materialTitle(line, m);
        out.push("  - title: " + q(title));
        out.push("    url: " + q(m[1]));
      });
    }
    var seeking = oneLine(value("measure", "collaboration"));
    var offering = oneLine(value("measure", "offering"));
    if (seeking || offering) out.push("collaboration:");
    if (seeking) out.push("  seeking: " + q(seeking));
    if (offering) out.push("  offering: " + q(offering));
    out.push("published: " + today());
    out.push("---");
    [["situation", "Ausgangslage"], ["implementation", "Umsetzung"], ["results", "Ergebnisse"],
      ["tips", "Tipps"]].forEach(function (pair) {
      var text = value("measure", pair[0]);
      if (text) out.push("", "## " + pair[1], "", text);
    });
    return out.join("\n") + "\n";
  }

  function libraryText() {
    var out = ["# yaml-language-server: $schema=../schema/library.schema.json"];
    out.push("name: " + q(oneLine(value("library", "name"))));
    out.push("kind: library");
    out.push("municipality: " + q(oneLine(value("library", "municipality"))));
    var country = value("library", "country").toUpperCase() || "DE";
    out.push("state: " + q(country === "DE" ? value("library", "state")
      : oneLine(value("library", "region"))));
    if (country !== "DE") out.push("country: " + q(country));  // unquoted, NO is false
    out.push("population: " + number(value("library", "population"), true));
    var area = value("library", "area_m2");
    if (area) out.push("area_m2: " + (isUnknown("area_m2", area) ? L.area_m2.unknown : number(area, false)));
    var staff = value("library", "staff_fte");
    out.push("staff_fte: " + (isUnknown("staff_fte", staff) ? L.staff_fte.unknown : number(staff, false)));
    var volunteers = value("library", "volunteers");
    if (volunteers) out.push("volunteers: " + number(volunteers, true));
    var website = value("library", "website");
    if (website) out.push("website: " + q(website));
    var email = value("library", "email");
    if (email) {
      out.push("contact:");
      out.push("  email: " + q(email));
      out.push("  public: true");
    }
    var date = value("library", "toolkit_date");
    var priorities = value("library", "toolkit_priorities");
    var notes = value("library", "toolkit_notes");
    if (date || priorities.length || notes) {
      out.push("toolkit:");
      if (date) out.push("  date: " + date);
      if (priorities.length) out.push("  priorities: [" + priorities.join(", ") + "]");
      if (notes) out.push("  notes: " + q(notes));
    }
    var about = value("library", "about");
    if (about) out.push("about: " + q(about));
    return out.join("\n") + "\n";
  }

  var outputs = {};

  function button(text, handler) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "md-button";
    b.textContent = text;
    b.addEventListener("click", handler);
    return b;
  }

  function output(key) {
    if (outputs[key]) return outputs[key];
    var box = document.createElement("div");
    box.className = "bib-submit__file";
    var h = document.createElement("h3");
    h.id = "sub-out-" + key + "-heading";
    var label = document.createElement("label");
    label.htmlFor = "sub-out-" + key;
    label.textContent = "Inhalt der Datei (schreibgeschützt)";
    var area = document.createElement("textarea");
    area.id = "sub-out-" + key;
    area.readOnly = true;
    area.rows = 14;
    area.spellcheck = false;
    var actions = document.createElement("p");
    actions.className = "bib-submit__actions";
    var feedback = document.createElement("span");
    feedback.className = "bib-submit__feedback";
    feedback.setAttribute("role", "status");
    var o = { box: box, heading: h, area: area, feedback: feedback };
    actions.appendChild(button("Text kopieren", function () { copy(o.area.value, o.feedback); }));
    actions.appendChild(button("Datei herunterladen", function () {
      download(o.area.value, o.path.split("/").pop(), o.feedback);
    }));
    actions.appendChild(feedback);
    box.appendChild(h);
    box.appendChild(label);
    box.appendChild(area);
    box.appendChild(actions);
    outputs[key] = o;
    $("sub-files").appendChild(box);
    return o;
  }

  function copy(text, feedback) {
    function done() { feedback.textContent = "Kopiert."; }
    function fallback() {
      // Older browsers: copy from a selected, off-screen text field.
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "bib-sr";
      document.body.appendChild(area);
      area.select();
      try {
        document.execCommand("copy");
        done();
      } catch (e) {
        feedback.textContent = "Bitte den Text markieren und mit Strg+C kopieren.";
      }
      area.remove();
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }

  function download(text, name, feedback) {
    var blob = new Blob([text], { type: "text/plain;charset=utf-8" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    feedback.textContent = "Heruntergeladen: " + name;
  }

  function fill(o, path, text, step) {
    if (o.area.value !== text) o.feedback.textContent = "";
    o.path = path;
    o.heading.textContent = (step ? step + " " : "") + path;
    o.area.value = text;
  }

  /* All files in one text, each under "#### <path>" in a code block whose fence is longer
     than any run of backticks in it: what `catalogue from-issue` reads from the field
     „Dateien“ (generator/contribute/issue_body.py, files_block and parse_files). */
  function filesBlock(files) {
    return files.map(function (f) {
      var longest = 0;
      (f.text.match(/`+/g) || []).forEach(function (run) { longest = Math.max(longest, run.length); });
      var fence = "`".repeat(Math.max(3, longest + 1));
      var info = /\.yml$/.test(f.path) ? "yaml" : "markdown";
      return "#### " + f.path + "\n\n" + fence + info + "\n" + f.text.replace(/\n+$/, "") +
        "\n" + fence;
    }).join("\n\n");
  }

  var all = { text: "", name: "einreichung.txt" };

  function routes(files, title) {
    var gh = D.github;
    var several = files.length > 1;
    var text = filesBlock(files);
    if (text !== all.text) $("sub-all-feedback").textContent = "";  // "Kopiert." is outdated
    all.text = text;
    all.name = "einreichung-" + files[files.length - 1].path.split("/").pop()
      .replace(/\.[a-z]+$/, "") + ".txt";
    $("sub-submit-lead").textContent = several
      ? "Profil und Maßnahme gehören zusammen: Reichen Sie beide in einem Vorschlag ein, " +
        "wie unten beschrieben."
      : "Wählen Sie einen der Wege. Die Redaktion bekommt Ihren Vorschlag in jedem Fall als Ganzes.";
    if (gh) {
      var pr = $("sub-route-pr");
      pr.hidden = several;  // one pull request per file would split the submission
      var link = $("sub-github-measure");
      var withValue = gh.newFile + "?filename=" + encodeURIComponent(files[0].path) +
        "&value=" + encodeURIComponent(files[0].text);
      var fits = withValue.length <= gh.maxUrlLength;
      link.href = fits ? withValue : gh.newFile + "?filename=" + encodeURIComponent(files[0].path);
      $("sub-pr-paste").hidden = fits;
      var issue = $("sub-github-issue");
      var base = gh.issueFiles + "&title=" + encodeURIComponent(gh.filesTitle + title);
      var full = base + "&" + gh.filesField + "=" + encodeURIComponent(all.text);
      var issueFits = full.length <= gh.maxUrlLength;
      issue.href = issueFits ? full : base;
      $("sub-issue-paste").hidden = issueFits;
      issue.classList.toggle("md-button--primary", several);
      $("sub-issue-lead").textContent = several
        ? "Ein Vorschlag mit beiden Dateien, auch mit Dateien wie PDF oder Bildern. Sie " +
          "brauchen ein kostenloses Konto auf GitHub."
        : "Auch mit Dateien wie PDF oder Bildern. Sie brauchen ein kostenloses Konto auf GitHub.";
    }
    var mail = D.mail;
    if (mail) {
      var subject = "Einreichung für den Katalog: " + title;
      var greeting = "Guten Tag,\n\nhier ist unser Vorschlag für den Katalog. Die Dateien hat " +
        "das Formular auf der Website geschrieben.\n\n";
      var closing = "\n\n" + mail.consent + "\n\nViele Grüße\n";
      var href = mailto(mail.address, subject, greeting + all.text + closing);
      var mailFits = href.length <= mail.maxLength;
      if (!mailFits) {
        href = mailto(mail.address, subject, greeting +
          "[Bitte hier den gesamten Text einfügen: Strg+V]" + closing);
      }
      $("sub-mail").href = href;
      $("sub-mail-full").hidden = !mailFits;
      $("sub-mail-paste").hidden = mailFits;
    }
  }

  function update() {
    idNotes();
    var problems = collect();
    var status = $("sub-result-status");
    var list = $("sub-result-problems");
    var signature = JSON.stringify(problems);
    if (signature !== shownProblems) {  // unchanged lists stay, so that their links work
      shownProblems = signature;
      list.textContent = "";
      problems.forEach(function (p) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = "#" + p.id;
        a.textContent = p.label;
        li.appendChild(a);
        li.appendChild(document.createTextNode(": " + p.message));
        list.appendChild(li);
      });
    }
    if (problems.length) {
      status.textContent = problems.length === 1 ? "Noch 1 Angabe fehlt oder ist fehlerhaft:"
        : "Noch " + problems.length + " Angaben fehlen oder sind fehlerhaft:";
      $("sub-files").hidden = true;
      $("sub-submit").hidden = true;
      return;
    }
    status.textContent = newLibrary()
      ? "Alles vollständig. Zwei Dateien: das Profil Ihrer Bibliothek und die Maßnahme. " +
        "Reichen Sie beide zusammen ein (unten unter „4. Einreichen“)."
      : "Alles vollständig. Ihre Datei ist fertig; einreichen können Sie sie unten unter " +
        "„4. Einreichen“.";
    $("sub-files").hidden = false;
    $("sub-submit").hidden = false;
    var lib = output("library");
    var measure = output("measure");
    lib.box.hidden = !newLibrary();
    var files = [];
    if (newLibrary()) {
      fill(lib, "libraries/" + libraryId() + ".yml", libraryText(), "Datei 1:");
      files.push({ path: lib.path, text: lib.area.value });
    }
    fill(measure, "measures/" + proposeId(value("measure", "title")) + ".md", measureText(),
      newLibrary() ? "Datei 2:" : "");
    files.push({ path: measure.path, text: measure.area.value });
    routes(files, oneLine(value("measure", "title")));
  }

  $("sub-copy-all").addEventListener("click", function () {
    copy(all.text, $("sub-all-feedback"));
  });
  $("sub-download-all").addEventListener("click", function () {
    download(all.text, all.name, $("sub-all-feedback"));
  });

  var shownProblems = "";
  $("sub-result-problems").addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) return;
    event.preventDefault();
    var target = $(link.getAttribute("href").slice(1));
    var focusable = target && target.tagName === "FIELDSET" ? target.querySelector("input") : target;
    if (focusable) focusable.focus();
  });

  function touch(event) {
    var el = event.target;
    var group = el.closest("fieldset[data-field]");
    touched[(group || el).id] = true;
  }

  form.addEventListener("input", function (event) { touch(event); update(); });
  form.addEventListener("change", function (event) { touch(event); update(); });
  form.addEventListener("focusout", function (event) {
    if (event.target.id && event.target.id.indexOf("sub-out-") === 0) return;
    touch(event);
    update();
  });
  update();
}

/* „Wir haben das auch gemacht“: a library of the catalogue and the measures of others it
   adopted open the issue form „Maßnahme nachgemacht“ filled in (or, without a repository,
   an e-mail to the editors). The measures are named by id or address (a list of every
   measure would be megabytes at thousands); its own measures and those its profile lists
   already are refused, as validation refuses them (generator/validate/references.py). */
function adoptedIds(text) {
  return text.split(/[\s,;]+/).map(function (part) {
    part = part.split("#")[0].split("?")[0].replace(/\/+$/, "").replace(/\.md$/, "");
    return part.slice(part.lastIndexOf("/") + 1);
  }).filter(function (id, n, all) { return id && all.indexOf(id) === n; });
}

function startAdoption() {
  var box = document.getElementById("sub-adopt");
  if (!box || !D.adoption) return;
  box.hidden = false;
  var select = document.getElementById("sub-adopt-library");
  var field = document.getElementById("sub-adopt-measures");
  var link = document.getElementById("sub-adopt-go");
  var actions = document.getElementById("sub-adopt-actions");
  var status = document.getElementById("sub-adopt-status");
  var yaml = document.getElementById("sub-adopt-yaml");
  var known = new Set(D.measureIds);
  var gh = D.github;
  var mail = D.mail;

  function problem(library, id) {
    if (!known.has(id)) return "„" + id + "“ gibt es im Katalog nicht.";
    if (((library && D.adoption.own[library]) || []).indexOf(id) >= 0) {
      return "„" + id + "“ ist eine eigene Maßnahme (oder Ihres Verbunds).";
    }
    if (((library && D.adoption.adopted[library]) || []).indexOf(id) >= 0) {
      return "„" + id + "“ steht schon in Ihrem Profil.";
    }
    return "";
  }

  function update() {
    var library = select.value;
    var listed = (library && D.adoption.adopted[library]) || [];
    var ids = adoptedIds(field.value);
    var problems = ids.map(function (id) { return problem(library, id); }).filter(Boolean);
    var ready = !!library && ids.length > 0 && problems.length === 0;
    status.textContent = !library ? "Bitte Ihre Bibliothek wählen."
      : !ids.length ? "Bitte mindestens eine Maßnahme nennen."
      : problems.length ? problems.join(" ")
      : ids.length === 1 ? "1 Maßnahme erkannt." : ids.length + " Maßnahmen erkannt.";
    field.setAttribute("aria-invalid", library && problems.length ? "true" : "false");
    var name = library ? select.options[select.selectedIndex].getAttribute("data-name") : "";
    var title = D.adoption.title + name;
    if (gh) {
      link.href = !ready ? gh.issueAdopt : gh.issueAdopt + "&title=" + encodeURIComponent(title) +
        "&" + gh.adoptLibrary + "=" + encodeURIComponent(library) +
        "&" + gh.adoptMeasures + "=" + encodeURIComponent(ids.join(", "));
    } else if (mail && ready) {
      var body = "Guten Tag,\n\nunsere Bibliothek hat " +
        (ids.length === 1 ? "eine Maßnahme" : "Maßnahmen") + " aus dem Katalog nachgemacht. " +
        "Bitte tragen Sie sie in unser Profil ein.\n\n" +
        "Bibliothek: " + name + " (" + library + ")\n" +
        "Nachgemacht:\n" + ids.map(function (id) { return "- " + id; }).join("\n") +
        "\n\nWie ist es gelaufen? (freiwillig)\n\n\n" + mail.consent + "\n\nViele Grüße\n";
      link.href = mailto(mail.address, title, body);
    }
    actions.hidden = !ready || !(gh || mail);
    yaml.hidden = !ready || !!(gh || mail);
    yaml.textContent = ready ? "In Ihr Profil libraries/" + library + ".yml gehört: adopted: [" +
      listed.concat(ids).join(", ") + "]" : "";
  }

  select.addEventListener("change", update);
  field.addEventListener("input", update);
  update();
}
