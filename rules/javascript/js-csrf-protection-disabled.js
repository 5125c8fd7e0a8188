const csurf = require('csurf');
const express = require('express');
const lusca = require('lusca');

const app = express();

// ruleid: js-csrf-protection-disabled
app.use(lusca({ csrf: false, xframe: 'SAMEORIGIN' }));
// ok: js-csrf-protection-disabled
app.use(lusca({ csrf: true, xframe: 'SAMEORIGIN' }));

// ruleid: js-csrf-protection-disabled
app.use(csurf({ cookie: true, ignoreMethods: ['GET', 'HEAD', 'OPTIONS', 'POST'] }));
// ok: js-csrf-protection-disabled
app.use(csurf({ cookie: true, ignoreMethods: ['GET', 'HEAD', 'OPTIONS'] }));

module.exports.security = {
  cors: { allRoutes: false },
  // ruleid: js-csrf-protection-disabled
  csrf: false,
};
