// budc serve：预算文件保存后，服务器重新生成页面并通知浏览器刷新（server-sent events）。
(function () {
  "use strict";
  var me = document.currentScript;
  var generation = me ? me.getAttribute("data-generation") : "0";
  var events = new EventSource("/_budc/events?since=" + encodeURIComponent(generation));
  events.addEventListener("message", function () {
    events.close();
    location.reload();
  });
})();
