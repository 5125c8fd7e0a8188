// ruleid: js-regex-redos
const EMAIL = /^([a-zA-Z0-9]+)*@example\.com$/;
// ok: js-regex-redos
const EMAIL_SAFE = /^[a-zA-Z0-9]+@example\.com$/;
// ok: js-regex-redos
const VERSION = /^(\d+\.)*\d+$/;
// ok: js-regex-redos
const LIST = /^\w+(\s*,\s*\w+)*$/;

function isSentence(text) {
  // ruleid: js-regex-redos
  return /^(\w+\s?)*$/.test(text);
}

function isSentenceSafe(text) {
  // ok: js-regex-redos
  return /^\w+(\s\w+)*$/.test(text);
}

function stripTrailer(text) {
  // ruleid: js-regex-redos
  const re = new RegExp('(\\s*\\w+)*;$');
  return text.replace(re, '');
}

function repeatOk(text) {
  // ok: js-regex-redos
  return /(ab){1,3}/.test(text);
}

function quoted(text) {
  // ok: js-regex-redos
  return /"([^"\\]*(?:\\.[^"\\]*)*)"/.test(text);
}

// bounded outer repetition: polynomial at worst
// ok: js-regex-redos
const MONTHS = /(?:['a-z]+\-?){1,3}/i;
