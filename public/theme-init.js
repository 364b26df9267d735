// Runs before first paint (a plain script, allowed by the CSP's script-src 'self'): applies
// the reader's saved theme so the page never flashes the wrong one.
(function () {
  try {
    var v = JSON.parse(localStorage.getItem('summit-reader:theme') || 'null');
    if (v === 'light' || v === 'dark') document.documentElement.setAttribute('data-theme', v);
  } catch (e) {
    /* storage unavailable or corrupted: follow the system */
  }
})();
