const Handlebars = require('handlebars');
const Mustache = require('mustache');
const nunjucks = require('nunjucks');

// ruleid: js-template-escaping-disabled
const page = Handlebars.compile('<p>{{comment}}</p>', { noEscape: true });
// ok: js-template-escaping-disabled
const pageSafe = Handlebars.compile('<p>{{comment}}</p>', { strict: true });

// ruleid: js-template-escaping-disabled
nunjucks.configure('views', { autoescape: false, watch: false });
// ok: js-template-escaping-disabled
nunjucks.configure('views', { autoescape: true });

// ruleid: js-template-escaping-disabled
Mustache.escape = (text) => text;

Handlebars.registerHelper('bold', (name) => {
  // ruleid: js-template-escaping-disabled
  return new Handlebars.SafeString(`<b>${name}</b>`);
});

Handlebars.registerHelper('boldSafe', (name) => {
  // ok: js-template-escaping-disabled
  return new Handlebars.SafeString(`<b>${Handlebars.escapeExpression(name)}</b>`);
});

module.exports = { page, pageSafe };
