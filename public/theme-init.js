// Runs before first paint (a plain script, allowed by the CSP's script-src 'self'): applies
// the reader's saved theme so the page never flashes the wrong one, and marks <html> as
// scripted.
(function () {
  // Scripts run here: what the built pages say for readers without JavaScript is hidden.
  document.documentElement.setAttribute('data-script', '');
  try {
    var v = JSON.parse(localStorage.getItem('summit-reader:theme') || 'null');
    if (v === 'light' || v === 'dark') document.documentElement.setAttribute('data-theme', v);
  } catch (e) {
    /* storage unavailable or corrupted: follow the system */
  }
})();
