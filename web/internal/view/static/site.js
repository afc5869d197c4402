// Progressive enhancement only: every page works without this file.
// 1. The complaint form shows the statutory due date of the chosen type at
//    once (the dates are already in the page, computed by the edge).
// 2. A refused form's error summary takes focus so screen readers read it.
(function () {
  "use strict";
  var type = document.getElementById("complaint-complaint_type");
  var out = document.getElementById("due-preview");
  if (type && out) {
    var show = function () {
      var opt = type.options[type.selectedIndex];
      out.textContent = (opt && opt.getAttribute("data-note")) || "";
    };
    type.addEventListener("change", show);
    show();
  }
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
})();
