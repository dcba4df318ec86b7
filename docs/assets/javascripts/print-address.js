// A printed page names its own address (briefing.css prints .briefing-print-meta). The
// build writes the page's permanent address when the site has one (site_url); otherwise
// the page's path, which this replaces with the address it was opened from (a web
// address, or file:// for a copy read from disk).
(function () {
  function fill() {
    var target = document.querySelector(".briefing-print-address");
    if (target && !/^https?:/.test(target.textContent)) target.textContent = window.location.href.split("#")[0];
    // A print note's links (what print leaves out is there) print their full address.
    document.querySelectorAll(".briefing-print-note a[href]").forEach(function (a) {
      a.setAttribute("data-print-href", a.href);
    });
  }
  if (typeof document$ !== "undefined") document$.subscribe(fill);
  else document.addEventListener("DOMContentLoaded", fill);
  window.addEventListener("beforeprint", fill);
})();
