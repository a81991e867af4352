// Copies GOV.UK Frontend's fonts, images and JavaScript next to the compiled CSS.
import { cpSync, mkdirSync } from "node:fs";

const dist = "node_modules/govuk-frontend/dist/govuk";
mkdirSync("frontdoor/static/build", { recursive: true });
cpSync(`${dist}/assets`, "frontdoor/static/build/assets", { recursive: true });
cpSync(`${dist}/govuk-frontend.min.js`, "frontdoor/static/build/govuk-frontend.min.js");
cpSync("frontdoor/assets/js/app.js", "frontdoor/static/build/app.js");
cpSync("frontdoor/assets/js/js-enabled.js", "frontdoor/static/build/js-enabled.js");
