/* Searchable pickers: every <select data-widget="tom-select"> becomes a Tom Select
 * (node_modules/tom-select, served from /static/vendor/tom-select/). The select keeps its
 * name and options, so the form posts exactly what the plain select would; without this
 * script the page still works with the plain select. Content that htmx swaps in is
 * enhanced too (htmx.onLoad). Texts come from the select's data attributes, which the
 * server translates (xuncha/web/widgets.py); option labels are set as text, never as HTML.
 */
(function () {
  "use strict";

  var SELECTOR = 'select[data-widget="tom-select"]';

  function text(tag, className, value) {
    var element = document.createElement(tag);
    element.className = className;
    element.textContent = value;
    return element;
  }

  function settings(select) {
    var options = {
      maxOptions: null,
      // an optional choice may be emptied again; a required one shows the placeholder instead
      allowEmptyOption: !select.required,
      create: false,
      // matches stay in the server's order (the tree's, for organisations), not by score
      sortField: [{ field: "$order" }, { field: "$score" }],
      plugins: {},
      render: {
        no_results: function () {
          return text("div", "no-results", select.dataset.noResults || "—");
        },
      },
    };
    if (select.multiple) {
      options.plugins.remove_button = { title: select.dataset.removeLabel || "×" };
    }
    if (select.dataset.placeholder) {
      options.placeholder = select.dataset.placeholder;
    }
    return options;
  }

  function enhance(root) {
    if (typeof window.TomSelect !== "function") {
      return;
    }
    var selects = Array.prototype.slice.call(root.querySelectorAll(SELECTOR));
    if (root.matches && root.matches(SELECTOR)) {
      selects.push(root);
    }
    selects.forEach(function (select) {
      if (!select.tomselect) {
        // Tom Select points the <label> at its own input; the original select, kept for the
        // form, keeps its name for assistive technology (axe: select-name)
        var label = select.id && document.querySelector('label[for="' + select.id + '"]');
        if (label && !select.hasAttribute("aria-label")) {
          select.setAttribute("aria-label", label.textContent.trim());
        }
        new window.TomSelect(select, settings(select));
      }
    });
  }

  function start() {
    enhance(document);
    if (window.htmx) {
      window.htmx.onLoad(enhance);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
