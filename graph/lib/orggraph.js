/*
 * orggraph views: language switch, network drawing, search, filters, legend, details.
 *
 * Everything that comes from the plan is data: it reaches the page through
 * textContent and attributes set one by one, never through innerHTML, so a
 * body named "<img src=x onerror=alert(1)>" shows those characters and runs
 * nothing.  The page loads nothing from the network.
 */
(function () {
  "use strict";

  var LANGS = ["vi", "en"];
  var state = { lang: "vi", kinds: null, roles: null, year: "" };

  function fold(text) {
    // Lower case, marks removed, "đ" -> "d", spaces collapsed: as orggraph.text.fold_diacritics.
    return String(text)
      .toLowerCase()
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d")
      .replace(/\s+/g, " ")
      .trim();
  }

  function pick(value) {
    if (value === null || value === undefined) return "";
    if (typeof value === "object") return value[state.lang] || value.vi || value.en || "";
    return String(value);
  }

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function chooseLanguage() {
    var asked = new URLSearchParams(window.location.search).get("lang");
    var stored = null;
    try {
      stored = window.localStorage.getItem("orggraph-lang");
    } catch (error) {
      stored = null;
    }
    var lang = asked || stored || document.documentElement.getAttribute("lang") || "vi";
    return LANGS.indexOf(lang) >= 0 ? lang : "vi";
  }

  function applyLanguage(lang) {
    state.lang = lang;
    document.documentElement.setAttribute("lang", lang);
    document.body.classList.remove("lang-vi", "lang-en");
    document.body.classList.add("lang-" + lang);
    try {
      window.localStorage.setItem("orggraph-lang", lang);
    } catch (error) {
      /* private mode: the choice lasts for this page only */
    }
    document.querySelectorAll("[data-lang-button]").forEach(function (button) {
      button.setAttribute("aria-pressed", button.getAttribute("data-lang-button") === lang ? "true" : "false");
    });
    document.querySelectorAll("[data-placeholder-vi]").forEach(function (input) {
      input.setAttribute("placeholder", input.getAttribute("data-placeholder-" + lang));
    });
    if (window.orggraph && window.orggraph.relabel) window.orggraph.relabel();
  }

  function setupLanguage() {
    document.querySelectorAll("[data-lang-button]").forEach(function (button) {
      button.addEventListener("click", function () {
        applyLanguage(button.getAttribute("data-lang-button"));
      });
    });
    applyLanguage(chooseLanguage());
  }

  // ------------------------------------------------------------ network views

  function tooltip(item) {
    var box = el("div", { class: "og-tip" });
    box.appendChild(el("strong", {}, pick(item.label)));
    (item.details || []).forEach(function (row) {
      var line = el("div", { class: "og-tip-row" });
      line.appendChild(el("span", { class: "og-tip-key" }, pick(row[0]) + ": "));
      line.appendChild(el("span", {}, pick(row[1])));
      box.appendChild(line);
    });
    // Links cannot be followed from a tooltip: say where they are.
    (item.links || []).forEach(function (link) {
      box.appendChild(
        el("div", { class: "og-tip-row og-tip-link" },
          pick(link.label) + " " + pick({ vi: "(nhấp vào nút để thấy liên kết)", en: "(click the node for the link)" }))
      );
    });
    return box;
  }

  function edgeTip(edge) {
    return el("div", { class: "og-tip" }, pick(edge.title));
  }

  function visibleYear(item) {
    if (!state.year) return true;
    if (item.years === "all") return true;
    return Array.isArray(item.years) && item.years.indexOf(Number(state.year)) >= 0;
  }

  function showDetails(item) {
    var panel = document.getElementById("og-details");
    if (!panel) return;
    panel.replaceChildren();
    if (!item) return;
    panel.appendChild(el("h3", {}, pick(item.label)));
    var list = el("dl");
    (item.details || []).forEach(function (row) {
      list.appendChild(el("dt", {}, pick(row[0])));
      list.appendChild(el("dd", {}, pick(row[1])));
    });
    panel.appendChild(list);
    (item.links || []).forEach(function (link) {
      var anchor = el("a", { href: link.href, class: "og-link" }, pick(link.label));
      panel.appendChild(el("p")).appendChild(anchor);
    });
  }

  function buildLegend(data) {
    var box = document.getElementById("og-legend");
    if (!box) return;
    box.replaceChildren();
    (data.legend || []).forEach(function (entry) {
      var row = el("div", { class: "og-legend-row" });
      var swatch = el("span", { class: "og-swatch og-swatch-" + entry.swatch });
      swatch.style.setProperty("--swatch", entry.color);
      row.appendChild(swatch);
      row.appendChild(el("span", {}, pick(entry.label)));
      box.appendChild(row);
    });
    (data.notes || []).forEach(function (note) {
      box.appendChild(el("p", { class: "og-note" }, pick(note)));
    });
  }

  function buildFilters(data, refresh) {
    var kinds = document.getElementById("og-kinds");
    var roles = document.getElementById("og-roles");
    var years = document.getElementById("og-year");
    state.kinds = {};
    state.roles = {};
    function checkboxes(box, options, store) {
      if (!box) return;
      box.replaceChildren();
      options.forEach(function (option) {
        store[option.value] = true;
        var label = el("label", { class: "og-check" });
        var input = el("input", { type: "checkbox", "data-filter": option.value });
        input.checked = true;
        input.addEventListener("change", function () {
          store[option.value] = input.checked;
          refresh();
        });
        label.appendChild(input);
        label.appendChild(el("span", { "data-label": "" }, pick(option.label)));
        label.lastChild.optionLabel = option.label;
        box.appendChild(label);
      });
    }
    checkboxes(kinds, data.filters.kinds || [], state.kinds);
    checkboxes(roles, data.filters.roles || [], state.roles);
    if (years) {
      (data.filters.years || []).forEach(function (year) {
        years.appendChild(el("option", { value: String(year) }, String(year)));
      });
      years.addEventListener("change", function () {
        state.year = years.value;
        refresh();
      });
    }
  }

  function relabelFilters() {
    document.querySelectorAll("[data-label]").forEach(function (span) {
      if (span.optionLabel) span.textContent = pick(span.optionLabel);
    });
  }

  function setupSearch(data, network) {
    var input = document.getElementById("og-search");
    var results = document.getElementById("og-results");
    if (!input || !results) return;
    var byId = {};
    data.nodes.forEach(function (node) {
      byId[node.id] = node;
    });
    function choose(node) {
      network.selectNodes([node.id]);
      network.focus(node.id, { scale: 1.2, animation: false });
      showDetails(node);
    }
    function search() {
      results.replaceChildren();
      var query = fold(input.value);
      if (!query) return [];
      var found = data.nodes.filter(function (node) {
        return node.search.indexOf(query) >= 0;
      });
      found.sort(function (a, b) {
        return (a.type === "body" ? 0 : 1) - (b.type === "body" ? 0 : 1) || pick(a.label).localeCompare(pick(b.label));
      });
      if (!found.length) results.appendChild(el("li", { class: "og-none" }, pick(data.ui.no_match)));
      found.slice(0, 12).forEach(function (node) {
        var item = el("li");
        var button = el("button", { type: "button", class: "og-result", "data-node": node.id }, pick(node.label));
        button.addEventListener("click", function () {
          choose(byId[button.getAttribute("data-node")]);
        });
        item.appendChild(button);
        results.appendChild(item);
      });
      return found;
    }
    input.addEventListener("input", search);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        var found = search();
        if (found.length) choose(found[0]);
      }
    });
  }

  // The first view: the whole drawing (data.extent, the box around every node and label)
  // fitted to the canvas, unless that would show the smallest label under 12 CSS px; then
  // the zoom at which it is 12 px, on the largest node.  Labels are sized in CSS px at zoom 1.
  var READABLE_PX = 12;
  var BORDER = "#555555"; // every node's outline (style.BORDER), so white and yellow ones show
  function openReadable(network, data, container) {
    if (!data.nodes.length || !data.extent) return;
    var smallest = Infinity;
    var largest = data.nodes[0];
    data.nodes.forEach(function (node) {
      smallest = Math.min(smallest, (node.font && node.font.size) || 14);
      if ((node.size || 0) > (largest.size || 0)) largest = node;
    });
    var box = data.extent;
    var width = Math.max(box[2] - box[0], 1);
    var height = Math.max(box[3] - box[1], 1);
    var least = READABLE_PX / smallest;
    function whole() {
      var fit = Math.min(1.5, container.clientWidth / width, container.clientHeight / height);
      network.moveTo({ position: { x: (box[0] + box[2]) / 2, y: (box[1] + box[3]) / 2 }, scale: fit, animation: false });
      return fit;
    }
    function readable() {
      network.moveTo({ position: { x: largest.x, y: largest.y }, scale: least, animation: false });
    }
    var wholeButton = document.getElementById("og-whole");
    var readableButton = document.getElementById("og-readable");
    if (wholeButton) wholeButton.addEventListener("click", whole);
    if (readableButton) readableButton.addEventListener("click", readable);
    var fitted = whole() >= least;
    if (!fitted) readable();
    document.body.setAttribute("data-fitted", fitted ? "true" : "false");
    return fitted;
  }

  function setupNetwork(data) {
    var container = document.getElementById("og-network");
    if (!container || typeof vis === "undefined") return;
    var nodeItems = data.nodes.map(function (node) {
      return {
        id: node.id,
        label: pick(node.label),
        x: node.x,
        y: node.y,
        size: node.size,
        shape: node.shape,
        color: { background: node.color, border: BORDER, highlight: { background: node.color, border: "#000000" } },
        title: tooltip(node),
        font: node.font || { size: 14, face: "sans-serif" },
        widthConstraint: node.widthConstraint || false,
        borderWidth: node.borderWidth || 1,
      };
    });
    var edgeItems = data.edges.map(function (edge) {
      return {
        id: edge.id,
        from: edge.from,
        to: edge.to,
        width: edge.width,
        color: { color: edge.color, highlight: edge.color, opacity: 0.85 },
        arrows: edge.arrows || "",
        dashes: edge.dashes || false,
        title: edgeTip(edge),
      };
    });
    var byNode = {};
    data.nodes.forEach(function (node) {
      byNode[node.id] = node;
    });
    var byEdge = {};
    data.edges.forEach(function (edge) {
      byEdge[edge.id] = edge;
    });
    var nodes = new vis.DataSet(nodeItems);
    var edges = new vis.DataSet(edgeItems);
    var nodeView = new vis.DataView(nodes, {
      filter: function (item) {
        var node = byNode[item.id];
        if (node.kind && state.kinds && state.kinds[node.kind] === false) return false;
        return node.type === "task" ? visibleYear(node) : true;
      },
    });
    var edgeView = new vis.DataView(edges, {
      filter: function (item) {
        var edge = byEdge[item.id];
        if (edge.role && state.roles && state.roles[edge.role] === false) return false;
        return visibleYear(edge);
      },
    });
    var options = {
      physics: false,
      interaction: { hover: true, tooltipDelay: 120, keyboard: true, navigationButtons: false },
      edges: { smooth: false, selectionWidth: 2 },
      nodes: { borderWidth: 1 },
      layout: { improvedLayout: false },
    };
    var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
    function refresh() {
      nodeView.refresh();
      edgeView.refresh();
      var count = document.getElementById("og-count");
      if (count) count.textContent = nodeView.length + " / " + data.nodes.length;
    }
    buildFilters(data, refresh);
    buildLegend(data);
    setupSearch(data, network);
    network.on("click", function (params) {
      if (params.nodes.length) showDetails(byNode[params.nodes[0]]);
    });
    network.on("doubleClick", function (params) {
      if (params.nodes.length && byNode[params.nodes[0]].href) window.location.href = byNode[params.nodes[0]].href;
    });
    openReadable(network, data, container);
    window.orggraph.network = network;
    window.orggraph.nodes = nodes;
    window.orggraph.edges = edges;
    window.orggraph.nodeView = nodeView;
    window.orggraph.edgeView = edgeView;
    window.orggraph.relabel = function () {
      nodes.update(
        data.nodes.map(function (node) {
          return { id: node.id, label: pick(node.label), title: tooltip(node) };
        })
      );
      edges.update(
        data.edges.map(function (edge) {
          return { id: edge.id, title: edgeTip(edge) };
        })
      );
      buildLegend(data);
      relabelFilters();
      showDetails(null);
    };
    refresh();
    network.once("afterDrawing", function () {
      window.orggraph.drawn = true;
      document.body.setAttribute("data-drawn", "true");
    });
  }

  // A body's to-do list: the deadline heading sorts every table by deadline, again back to plan order.
  function setupTodo() {
    var byDue = false;
    Array.prototype.forEach.call(document.querySelectorAll(".og-sort-due"), function (button) {
      button.addEventListener("click", function () {
        byDue = !byDue;
        Array.prototype.forEach.call(document.querySelectorAll(".og-todo-table tbody"), function (body) {
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            if (byDue && a.dataset.due !== b.dataset.due) return a.dataset.due < b.dataset.due ? -1 : 1;
            return Number(a.dataset.order) - Number(b.dataset.order);
          });
          rows.forEach(function (row) { body.appendChild(row); });
        });
        document.body.setAttribute("data-todo-sort", byDue ? "due" : "plan");
      });
    });
  }

  // A table with a search box (the timeline): rows whose text, diacritics ignored, holds the query.
  function setupFilter() {
    var input = document.getElementById("og-filter");
    if (!input) return;
    var table = document.querySelector(input.dataset.table);
    var count = document.getElementById("og-filter-count");
    input.addEventListener("input", function () {
      var query = fold(input.value.trim());
      var shown = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var keep = !query || fold(row.textContent).indexOf(query) >= 0;
        row.hidden = !keep;
        if (keep) shown++;
      });
      count.textContent = query ? shown + " / " + table.tBodies[0].rows.length : "";
    });
  }

  // Narrow screens: the controls fold away and this button opens or closes them.
  function setupControls() {
    var button = document.getElementById("og-controls");
    if (!button) return;
    button.addEventListener("click", function () {
      var open = document.body.classList.toggle("og-open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  window.orggraph = { fold: fold };
  document.addEventListener("DOMContentLoaded", function () {
    setupControls();
    setupTodo();
    setupFilter();
    var source = document.getElementById("orggraph-data");
    var data = source ? JSON.parse(source.textContent) : null;
    window.orggraph.data = data;
    if (data) setupNetwork(data);
    setupLanguage();
    document.body.setAttribute("data-ready", "true");
  });
})();
