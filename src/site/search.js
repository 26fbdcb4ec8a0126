// 部门搜索：按名称或编码筛选部门列表（不联网，不依赖任何库）。
(function () {
  "use strict";
  var input = document.getElementById("q");
  var form = input && input.form;
  var rows = document.querySelectorAll("#department-list tbody tr");
  var count = document.getElementById("count");
  var none = document.getElementById("none");
  if (!input) {
    return;
  }
  function filter() {
    var words = input.value.toLowerCase().split(/\s+/).filter(function (w) {
      return w.length > 0;
    });
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var text = rows[i].getAttribute("data-search") || "";
      var match = words.every(function (w) {
        return text.indexOf(w) >= 0;
      });
      rows[i].hidden = !match;
      if (match) {
        shown++;
      }
    }
    count.textContent = words.length === 0
      ? "显示全部 " + rows.length + " 个部门"
      : "找到 " + shown + " 个部门（共 " + rows.length + " 个）";
    none.hidden = shown > 0;
  }
  input.addEventListener("input", filter);
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    filter();
  });
  filter();
})();
