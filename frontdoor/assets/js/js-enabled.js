// GOV.UK Frontend's first step, as a file rather than an inline script (the Content Security Policy allows
// no inline script): styles for JavaScript-enhanced components apply from the first paint.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
