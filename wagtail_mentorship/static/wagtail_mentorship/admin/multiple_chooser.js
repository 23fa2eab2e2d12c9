/* A many-to-many field chosen through a Wagtail chooser modal in its multiple mode:
   see wagtail_mentorship/access/multiple_chooser.py. */
(function () {
  "use strict";

  function setUp(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "true";
    var items = root.querySelector("[data-chosen-items]");
    var empty = root.querySelector("[data-chosen-empty]");
    var template = root.querySelector("[data-chosen-template]");
    var definition = document.getElementById(root.dataset.definition);
    var chooser = window.telepath.unpack(JSON.parse(definition.textContent));

    function chosenIds() {
      return Array.prototype.map.call(
        items.querySelectorAll("input[type=hidden]"),
        function (input) { return input.value; }
      );
    }

    function refresh() {
      empty.hidden = items.children.length > 0;
    }

    function add(result) {
      if (chosenIds().indexOf(String(result.id)) !== -1) return;
      var item = template.content.firstElementChild.cloneNode(true);
      var input = item.querySelector("input");
      input.name = root.dataset.name;
      input.value = result.id;
      item.querySelector("[data-chosen-title]").textContent = result.title;
      var remove = item.querySelector("[data-remove-chosen]");
      remove.setAttribute("aria-label", remove.dataset.labelPattern.replace("__NAME__", result.title));
      items.appendChild(item);
    }

    items.addEventListener("click", function (event) {
      var remove = event.target.closest("[data-remove-chosen]");
      if (!remove) return;
      remove.closest("[data-chosen-item]").remove();
      refresh();
    });

    root.querySelector("[data-open-chooser]").addEventListener("click", function () {
      chooser.openModal(function (results) {
        [].concat(results).forEach(add);
        refresh();
      }, { multiple: true });
    });
  }

  function setUpAll() {
    document.querySelectorAll("[data-mentorship-multiple-chooser]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
