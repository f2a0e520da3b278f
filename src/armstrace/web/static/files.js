/* Drag and drop onto the upload form of a record's photos (templates/files.html). No build step. */
(function () {
  "use strict";
  function names(input, out) {
    var list = [];
    for (var i = 0; i < input.files.length; i++) { list.push(input.files[i].name); }
    out.textContent = list.length ? list.join(", ") : "";
  }
  document.querySelectorAll("form[data-dropzone]").forEach(function (form) {
    var zone = form.querySelector(".drop");
    var input = form.querySelector("input[type=file]");
    var chosen = form.querySelector(".chosen");
    input.addEventListener("change", function () { names(input, chosen); });
    ["dragenter", "dragover"].forEach(function (type) {
      zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (type) {
      zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (e) {
      if (!e.dataTransfer || !e.dataTransfer.files.length) { return; }
      input.files = e.dataTransfer.files;
      names(input, chosen);
    });
    zone.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); input.click(); }
    });
  });
})();
