/* global document, matchMedia */
// Before the first paint, so the page never flashes the wrong theme. A file rather than an
// inline script: the Content-Security-Policy allows scripts from this origin only.
(function () {
  var saved = localStorage.getItem("reptidex.theme");
  var dark = saved ? saved === "dark" : matchMedia("(prefers-color-scheme: dark)").matches;
  document.documentElement.classList.toggle("dark", dark);
})();
