// propose.js: the forms that write a new content file (/contribute/
// organization/, partnership/, objective/; layouts/form.html). The form's
// fields come from the schema the checker uses (generator/schema): each
// carries its key, how it is asked (data-control), its vocabulary
// (data-values), form (data-format) and least value or number of
// entries (data-min). This script checks what was typed by the checker's
// rules, keeps "The file" below the form equal to the file it would send,
// and on sending opens the repository host's page for a new file with it
// (GitHub: NEW/BRANCH/FOLDER?filename=NAME&value=TEXT), from which a
// person without write access forks and opens a pull request.
//
// The strategy's names (contribute/names.json, package data) give the
// choices for references, the names already taken and an objective's next
// id. Without JavaScript the form stays hidden and the page shows the file
// to copy.

// agendaPropose holds the rules that must match the Go side: they use
// nothing of the page, so generator/render's tests run them in node
// against model.Slugify and scaffold.NextID (tests/browser/propose.mjs).
var agendaPropose = (function () {
  "use strict";
  // LATIN spells accented and other Latin letters in plain ones, as
  // model.Slugify does.
  var LATIN = { "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "ł": "l", "đ": "d", "ı": "i", "ø": "o" };
  var GROUPS = { a: "áàâäãåāăą", c: "çćĉċč", d: "ď", e: "éèêëēĕėęě", g: "ĝğġģ", h: "ĥħ", i: "íìîïĩīĭįİ", j: "ĵ", k: "ķ",
    l: "ĺļľŀ", n: "ñńņňŉ", o: "óòôöõōŏő", r: "ŕŗř", s: "śŝşšș", t: "ţťŧț", u: "úùûüũūŭůűų", w: "ŵ", y: "ýÿŷ", z: "źżž" };
  for (var plain in GROUPS) for (var c of GROUPS[plain]) LATIN[c] = plain;

  // slugify is model.Slugify: each character lowered on its own as Go's
  // strings.ToLower does ("İ" is "i"), letters a-z and digits kept, other
  // Latin letters spelled plainly, apostrophes dropped, every other run
  // of characters one hyphen.
  function slugify(name) {
    var out = "", hyphen = false;
    for (var ch of name) {
      ch = String.fromCodePoint(ch.toLowerCase().codePointAt(0));
      var latin = /^[a-z0-9]$/.test(ch) ? ch : LATIN[ch];
      if (latin !== undefined) {
        if (hyphen && out) out += "-";
        out += latin;
        hyphen = false;
      } else if (ch !== "'" && ch !== "\u2019") {
        hyphen = true;
      }
    }
    return out;
  }

  // nextID is scaffold.NextID: the prefix most of the category's
  // top-level ids use, and one more than its highest number, free in the
  // whole strategy. objectives are names.json's [id, title, category].
  var TOP = /^([A-Za-z][A-Za-z0-9]*[-_.]?)([0-9]+)$/;
  function nextID(objectives, category) {
    var count = {}, highest = {}, best = "", taken = {};
    objectives.forEach(function (o) {
      taken[o[0].toLowerCase()] = true;
      var m = TOP.exec(o[0]);
      if (o[2] !== category || !m) return;
      var p = m[1];
      count[p] = (count[p] || 0) + 1;
      highest[p] = Math.max(highest[p] || 0, parseInt(m[2], 10));
      if (best === "" || count[p] > count[best] || count[p] === count[best] && p < best) best = p;
    });
    if (best === "") best = (category.replace(/[^A-Za-z]/g, "").toUpperCase().slice(0, 2) || "OBJ") + "-";
    for (var n = (highest[best] || 0) + 1; ; n++) {
      if (!taken[(best + n).toLowerCase()]) return best + n;
    }
  }

  // quote writes a TOML basic string, as scaffold's quote does.
  function quote(s) {
    return '"' + s.replace(/["\\\x00-\x1f\x7f]/g, function (c) {
      return c === '"' || c === "\\" ? "\\" + c : "\\u" + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
    }) + '"';
  }

  // problem says what is wrong with a text of a format, as the checker
  // would (generator/check: webProblem, emailProblem, phoneProblem,
  // model.IsID), or returns "".
  var SPACE = /[ \t\n\r\u00a0]/;
  function problem(format, v) {
    if (format === "id" && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(v)) {
      return "Use letters, digits, dots, hyphens and underscores, starting with a letter or digit, like PV-4.";
    }
    if (format === "web") {
      if (!/^https?:\/\//i.test(v)) return "Write the whole address, starting with https:// or http://.";
      try {
        if (!new URL(v).hostname) throw v;
      } catch (e) {
        return "This is not a web address: it needs a host name, like https://example.org/.";
      }
      if (SPACE.test(v)) return "A web address has no spaces.";
    }
    if (format === "email") {
      var at = v.split("@"), domain = at[1] || "";
      if (/^mailto:/i.test(v)) return "Leave out \"mailto:\": write the address alone.";
      if (SPACE.test(v)) return "An e-mail address has no spaces.";
      if (at.length !== 2) return "An e-mail address has exactly one @, like info@example.org.";
      if (!at[0]) return "Write the name before the @, like info@example.org.";
      if (domain.indexOf(".") < 0 || domain[0] === "." || domain.slice(-1) === ".") return "Write the domain after the @ with a dot in it, like example.org.";
      if (/[<>()[\]\\,;:"\x00-\x1f\x7f]/.test(at[0])) return "The name before the @ has a character an address cannot have.";
      if (/[^\p{L}\p{Nd}.-]/u.test(domain)) return "After the @, use only letters, digits, hyphens and dots.";
    }
    if (format === "phone") {
      if (/[^0-9+ ().-]/.test(v)) return "Use only digits, spaces, + - . ( and ).";
      if ((v.match(/[0-9]/g) || []).length < 3) return "A phone number has at least 3 digits.";
    }
    return "";
  }

  // toml writes a value: a list, true, a number or date as typed, text
  // quoted.
  function toml(v, bare) {
    if (Array.isArray(v)) return "[" + v.map(function (x) { return quote(x); }).join(", ") + "]";
    return v === true || bare ? String(v) : quote(v);
  }

  // file is the content file: front matter with the given keys in the
  // schema's order, then the body.
  function file(entries, body) {
    var lines = ["+++"];
    entries.forEach(function (e) { lines.push(e.key + " = " + toml(e.value, e.bare)); });
    lines.push("+++", "");
    body = body.replace(/\r\n?/g, "\n").trim();
    return lines.join("\n") + "\n" + (body ? body + "\n" : "");
  }

  // expand turns names.json, which leaves out a slug that is its
  // title's, into [id or slug, title, category or acronym] entries.
  function expand(j) {
    return {
      objectives: j.objectives,
      organizations: j.organizations.map(function (n) { return [n[2] || slugify(n[0]), n[0], n[1] || ""]; }),
      partnerships: j.partnerships.map(function (n) { return [n[1] || slugify(n[0]), n[0], ""]; }),
    };
  }

  return { slugify: slugify, nextID: nextID, quote: quote, problem: problem, file: file, expand: expand };
})();

(function () {
  "use strict";
  var form = document.getElementById("propose");
  if (!form) return;
  var P = agendaPropose, kind = form.dataset.kind, newFile = form.dataset.newFile;
  var text = document.getElementById("file-text"), where = document.getElementById("file-where");
  var summary = document.getElementById("propose-errors"), status = document.getElementById("propose-where");
  var names = { objectives: [], organizations: [], partnerships: [] }, loaded = false, idEdited = false;
  var chosen = {}; // a refs field's key -> the ids or slugs added
  // after: a date that may not come before another (check's dateOrder).
  var after = { due: "start", ended: "started" };
  // MAX_URL is the longest address to open: GitHub refuses much longer
  // ones (a very long description).
  var MAX_URL = 8000;

  form.hidden = false;
  document.documentElement.classList.add("propose-ready");

  // index maps what a person may type for a name (its id or slug, its
  // title, its acronym; case ignored) to the id or slug.
  var index = {};
  function indexNames() {
    ["objectives", "organizations", "partnerships"].forEach(function (v) {
      var map = index[v] = {};
      names[v].forEach(function (n) {
        [n[2] && v !== "objectives" ? n[2] : "", n[1], n[0]].forEach(function (k) { if (k) map[k.toLowerCase()] = n[0]; });
      });
      if (!form.querySelector("[data-values=" + v + "]") && !(v === "organizations" && form.querySelector("[data-values=recipients]"))) return;
      var list = document.createElement("datalist");
      list.id = "names-" + v;
      names[v].forEach(function (n) {
        var o = document.createElement("option");
        o.value = n[0];
        o.label = n[1] + (n[2] && v !== "objectives" ? " (" + n[2] + ")" : "");
        list.append(o);
      });
      form.append(list);
    });
    index.recipients = Object.assign({}, index.partnerships, index.organizations);
    form.querySelectorAll("[data-values]").forEach(function (f) {
      var input = f.querySelector("input");
      if (input) input.setAttribute("list", "names-" + (f.dataset.values === "recipients" ? "organizations" : f.dataset.values));
    });
  }
  function resolve(values, typed) {
    return loaded ? index[values][typed.toLowerCase()] : typed;
  }
  function title(values, id) {
    var n = (names[values] || names.organizations).find(function (n) { return n[0] === id; });
    return n ? n[1] + " (" + id + ")" : id;
  }

  var ready = fetch(form.dataset.names).then(function (r) { return r.json(); }).then(function (j) {
    names = P.expand(j);
    loaded = true;
    indexNames();
    update();
  }).catch(function () {
    status.textContent = "The strategy's names could not be loaded: names you type are not checked.";
  });

  function fields() { return Array.prototype.slice.call(form.querySelectorAll("[data-control]")); }
  function control(f) { return f.querySelector("input, select, textarea"); }
  function label(f) { return (f.querySelector("legend, label").textContent || "").replace(" (required)", ""); }

  // read returns the value of a field: a string, a list, true, or "" for
  // nothing given.
  function read(f) {
    var c = control(f);
    switch (f.dataset.control) {
      case "checkbox": return c.checked || "";
      case "checkboxes": return Array.prototype.filter.call(f.querySelectorAll("input"), function (i) { return i.checked; }).map(function (i) { return i.value; });
      case "refs": return (chosen[f.dataset.key] || []).slice();
      case "lines": return c.value.split("\n").map(function (s) { return s.trim(); }).filter(Boolean);
    }
    return c.value.trim();
  }
  function empty(v) { return v === "" || Array.isArray(v) && v.length === 0; }

  // name is the new file's name, from the title or the id.
  function name() {
    var v = form.querySelector(kind === "objective" ? "#f-id" : "#f-title").value.trim();
    var base = kind === "objective" ? v.toLowerCase() : P.slugify(v);
    return base ? base + ".md" : "";
  }

  function build() {
    var entries = [];
    fields().forEach(function (f) {
      var v = read(f), key = f.dataset.key;
      if (!key || empty(v)) return;
      if (f.dataset.control === "ref") v = resolve(f.dataset.values, v) || v;
      var input = control(f), bare = input && (input.type === "number" || input.type === "date");
      if (input && input.type === "number") v = String(Number(v));
      entries.push({ key: key, value: v, bare: bare });
    });
    return P.file(entries, document.getElementById("f-body").value);
  }

  function update() {
    if (kind === "objective" && !idEdited && loaded) {
      var cat = form.querySelector("#f-category").value;
      form.querySelector("#f-id").value = cat ? P.nextID(names.objectives, cat) : "";
    }
    text.textContent = build();
    var n = name();
    where.textContent = n ? "Save it as " + form.dataset.folder + "/" + n + "." : "The file's name comes from the " + (kind === "objective" ? "id" : "title") + ".";
  }

  // check returns the problem with a field, or "".
  function check(f) {
    var v = read(f), c = f.dataset.control, key = f.dataset.key, min = parseFloat(f.dataset.min);
    if (empty(v)) {
      if (!f.hasAttribute("data-required")) return "";
      if (key === "id") return "Choose the category first: the id follows from it.";
      if (c === "select") return "Choose one of the list.";
      return c === "refs" || c === "checkboxes" ? "Add at least " + (min || 1) + "." : "Fill in the " + label(f).toLowerCase() + ".";
    }
    if (c === "refs" && v.length < min) return "Add at least " + min + ": " + v.length + " so far.";
    if (c === "ref" && !resolve(f.dataset.values, v)) return "\u201c" + v + "\u201d is not in the strategy: type part of a name and choose it from the list.";
    var p = P.problem(f.dataset.format, v);
    if (p) return p;
    var input = control(f);
    if (input && input.type === "number") {
      if (input.validity.badInput || !isFinite(Number(v))) return "Write a number, digits only.";
      if (input.step === "1" && !Number.isInteger(Number(v))) return "Write a whole number.";
      if (Number(v) < min) return "Write " + min + " or more.";
    }
    if (after[key]) {
      var first = form.querySelector("#f-" + after[key]);
      if (first && first.value && v < first.value) return "This date comes before the " + after[key] + " date.";
    }
    if (kind === "partnership" && key === "lead") {
      var out = v.filter(function (l) { return (chosen.members || []).indexOf(l) < 0; });
      if (out.length) return "Leads are members too: add " + out.join(", ") + " to the members.";
    }
    if (key === "title" && kind !== "objective") {
      var slug = P.slugify(v), plural = kind + "s";
      if (!slug) return "Use letters a to z or digits in the name: the file's name is made from it.";
      if (loaded && names[plural].some(function (n) { return n[0] === slug; })) {
        return "The strategy already has " + (kind === "organization" ? "an organization" : "a partnership") + " with the file name " + slug + ".md: /" + plural + "/" + slug + "/. If this is another one, add a word to its name.";
      }
    }
    if (key === "id" && loaded && names.objectives.some(function (n) { return n[0].toLowerCase() === v.toLowerCase(); })) {
      return "The id " + v + " is taken: ids are never reused. Choose the category again for a free one.";
    }
    return "";
  }

  // show puts msg (or nothing) in the field's error line, which the
  // control is then described by, and marks the control invalid.
  function show(f, msg) {
    var err = f.querySelector("[id$='-error']");
    var c = f.dataset.control === "checkboxes" ? f : f.querySelector("input[id], select, textarea");
    if (!err) return;
    err.textContent = msg;
    err.hidden = !msg;
    var ids = (c.getAttribute("aria-describedby") || "").split(" ").filter(function (id) { return id && id !== err.id; });
    if (msg) ids.push(err.id);
    c.setAttribute("aria-describedby", ids.join(" "));
    if (msg) c.setAttribute("aria-invalid", "true"); else c.removeAttribute("aria-invalid");
  }

  // The refs fields: a list of chosen names, each with a Remove button.
  var live = document.createElement("p");
  live.className = "visually-hidden";
  live.setAttribute("role", "status");
  form.append(live);
  function add(f) {
    var input = f.querySelector("input[id]"), typed = input.value.trim(), key = f.dataset.key;
    if (!typed) return true;
    var id = resolve(f.dataset.values, typed), list = chosen[key] = chosen[key] || [];
    if (!id) {
      show(f, "\u201c" + typed + "\u201d is not in the strategy: type part of a name and choose it from the list.");
      return false;
    }
    if (list.indexOf(id) < 0) list.push(id);
    input.value = "";
    show(f, "");
    render(f);
    live.textContent = "Added " + title(f.dataset.values, id) + ".";
    return true;
  }
  function render(f) {
    var ul = f.querySelector("ul"), key = f.dataset.key;
    ul.textContent = "";
    (chosen[key] || []).forEach(function (id) {
      var li = document.createElement("li"), b = document.createElement("button"), t = title(f.dataset.values, id);
      b.type = "button";
      b.className = "field__button";
      b.textContent = "Remove";
      b.setAttribute("aria-label", "Remove " + t);
      b.addEventListener("click", function () {
        chosen[key] = chosen[key].filter(function (x) { return x !== id; });
        render(f);
        update();
        recheck();
        live.textContent = "Removed " + t + ".";
        f.querySelector("input[id]").focus();
      });
      li.append(t + " ", b);
      ul.append(li);
    });
  }
  form.querySelectorAll("[data-control=refs]").forEach(function (f) {
    var input = f.querySelector("input[id]");
    f.querySelector("[data-add]").addEventListener("click", function () { if (add(f)) recheck(); update(); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter") {
        e.preventDefault();
        if (add(f)) recheck();
        update();
      }
    });
  });

  // recheck clears, or updates, the error of a field marked invalid as
  // it is corrected.
  function recheck() {
    fields().forEach(function (f) {
      if (f.querySelector("[aria-invalid=true]") || f.getAttribute("aria-invalid")) show(f, check(f));
    });
  }
  form.addEventListener("input", function (e) {
    if (e.target.id === "f-id") idEdited = e.target.value.trim() !== "";
    update();
  });
  form.addEventListener("change", function () {
    update();
    recheck();
  });

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    ready.then(send);
  });

  function send() {
    var problems = [];
    fields().forEach(function (f) {
      if (f.dataset.control === "refs" && !add(f)) {
        problems.push([f, f.querySelector("[id$='-error']").textContent]);
        return;
      }
      var msg = f.dataset.key ? check(f) : "";
      show(f, msg);
      if (msg) problems.push([f, msg]);
    });
    update();
    summary.textContent = "";
    summary.hidden = problems.length === 0;
    if (problems.length) {
      var h = document.createElement("h2"), ul = document.createElement("ul");
      h.textContent = problems.length === 1 ? "One thing to correct" : problems.length + " things to correct";
      problems.forEach(function (p) {
        var li = document.createElement("li"), a = document.createElement("a"), input = p[0].querySelector("input[id], select, textarea");
        a.href = "#" + input.id;
        a.textContent = label(p[0]) + ": " + p[1];
        a.addEventListener("click", function (ev) { ev.preventDefault(); input.focus(); });
        li.append(a);
        ul.append(li);
      });
      summary.append(h, ul);
      summary.focus();
      return;
    }
    var file = build(), page = newFile + "?filename=" + encodeURIComponent(name()), url = page + "&value=" + encodeURIComponent(file);
    if (newFile && url.length <= MAX_URL) {
      window.location.assign(url);
      return;
    }
    if (newFile) {
      // Too long for an address: the host's page opens empty, to paste into.
      status.textContent = "";
      var a = document.createElement("a");
      a.href = page;
      a.textContent = "open " + form.dataset.host + "'s page for the new file";
      status.append("The file is too long to send in one go: copy it from below, then ", a, " and paste it there.");
      document.querySelector(".propose-file__text").focus();
      return;
    }
    status.textContent = "The file is ready below: save it as " + form.dataset.folder + "/" + name() + ".";
    document.querySelector(".propose-file__text").focus();
  }

  update();
})();
