const TRUSTED = 'https://app.example.com';

// ruleid: js-postmessage-origin-unchecked
window.addEventListener('message', (event) => {
  document.getElementById('banner').innerHTML = event.data.html;
});

// ok: js-postmessage-origin-unchecked
window.addEventListener('message', (event) => {
  if (event.origin !== TRUSTED) return;
  document.getElementById('banner').textContent = event.data.text;
});

// ruleid: js-postmessage-origin-unchecked
addEventListener('message', function (e) {
  if (e.data && e.data.type === 'login') {
    localStorage.setItem('token', e.data.token);
  }
});

// ok: js-postmessage-origin-unchecked
window.addEventListener('resize', (e) => console.log(e.data));

function onMessage(e) {
  return e;
}
// ok: js-postmessage-origin-unchecked
window.addEventListener('message', onMessage);

// ok: js-postmessage-origin-unchecked
window.addEventListener('message', (e) => {
  if (e.source !== window) return;
  queue.shift()(e.data);
});
const queue = [];
