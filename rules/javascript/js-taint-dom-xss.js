import DOMPurify from 'dompurify';

export function showGreeting(el) {
  const params = new URLSearchParams(location.search);
  const name = params.get('name') || 'guest';
  // ruleid: js-taint-dom-xss
  el.innerHTML = `<h2>Hello ${name}</h2>`;
}

export function showGreetingSafely(el) {
  const name = new URLSearchParams(location.search).get('name') || 'guest';
  // ok: js-taint-dom-xss
  el.textContent = `Hello ${name}`;
  // ok: js-taint-dom-xss
  el.innerHTML = DOMPurify.sanitize(`<h2>Hello ${name}</h2>`);
}

export function showAnchor(el) {
  const section = decodeURIComponent(window.location.hash.slice(1));
  // ruleid: js-taint-dom-xss
  el.insertAdjacentHTML('beforeend', '<p>Section: ' + section + '</p>');
}

export function renderArticle(el, article) {
  // ok: js-taint-dom-xss
  el.innerHTML = article.html;
}
