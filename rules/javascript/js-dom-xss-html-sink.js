import DOMPurify from 'dompurify';

const EMPTY_STATE = '<p class="empty">No results</p>';

function renderSearchHeader() {
  const params = new URLSearchParams(window.location.search);
  const header = document.getElementById('search-header');
  // ruleid: js-dom-xss-html-sink
  header.innerHTML = `<h2>Results for ${params.get('q')}</h2>`;
}

function renderComment(list, comment) {
  // ruleid: js-dom-xss-html-sink
  list.insertAdjacentHTML('beforeend', '<li>' + comment.author + ': ' + comment.body + '</li>');
}

function showBanner(message) {
  const banner = document.querySelector('.banner');
  // ruleid: js-dom-xss-html-sink
  banner.innerHTML += message;
}

function legacyWidget() {
  // ruleid: js-dom-xss-html-sink
  document.write('<script src="' + location.hash.slice(1) + '"></script>');
}

async function renderProfile(el, userId) {
  const res = await fetch(`/api/users/${userId}`);
  const user = await res.json();
  // ruleid: js-dom-xss-html-sink
  el.outerHTML = user.bioHtml;
}

function renderSafe(list, comment, el) {
  // ok: js-dom-xss-html-sink
  list.insertAdjacentHTML('beforeend', DOMPurify.sanitize(`<li>${comment.body}</li>`));
  const clean = DOMPurify.sanitize(comment.body, { USE_PROFILES: { html: true } });
  // ok: js-dom-xss-html-sink
  el.innerHTML = clean;
  // ok: js-dom-xss-html-sink
  el.innerHTML = EMPTY_STATE;
  // ok: js-dom-xss-html-sink
  el.innerHTML = '';
  // ok: js-dom-xss-html-sink
  el.textContent = comment.body;
  // ok: js-dom-xss-html-sink
  el.innerHTML = `<span class="spinner"></span>`;
  // ok: js-dom-xss-html-sink
  el.innerHTML = escapeHtml(comment.author);
}

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export { renderSearchHeader, renderComment, showBanner, legacyWidget, renderProfile, renderSafe };
