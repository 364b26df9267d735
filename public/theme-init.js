// Runs before first paint (a plain script, allowed by the CSP's script-src 'self'): applies
// the reader's saved theme so the page never flashes the wrong one, and marks <html> as
// scripted.
(function () {
  // Scripts run here: what the built pages say for readers without JavaScript is hidden.
  document.documentElement.setAttribute('data-script', '');
  // The headings keep room for a share button where the app will give them one (app.css).
  if (typeof navigator.share === 'function')
    document.documentElement.setAttribute('data-share', '');
  try {
    var v = JSON.parse(localStorage.getItem('summit-reader:theme') || 'null');
    if (v === 'light' || v === 'dark') document.documentElement.setAttribute('data-theme', v);
  } catch (e) {
    /* storage unavailable or corrupted: follow the system */
  }
})();
