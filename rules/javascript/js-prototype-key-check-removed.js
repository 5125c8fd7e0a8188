const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

function setPath(target, path, value) {
  const keys = path.replace(/\[(\d+)\]/g, ".$1").split(".");
  let node = target;
  for (let i = 0; i < keys.length - 1; i++) {
    // ruleid: js-prototype-key-check-removed
    node = node[keys[i]] = node[keys[i]] || {};
  }
  node[keys[keys.length - 1]] = value;
}

function merge(into, from) {
  for (const k of Object.keys(from)) {
    if (k === "__proto__") continue;
    // ok: js-prototype-key-check-removed
    into[k] = from[k];
  }
}

// ok: js-prototype-key-check-removed
function label(obj) {
  return obj.name;
}

function assignPath(target, path, value) {
  const keys = String(path).split(".");
  if (keys.length === 0) throw new TypeError("empty path");
  let node = target;
  // ruleid: js-prototype-key-check-removed
  for (const key of keys.slice(0, -1)) node = node[key] = node[key] || {};
  node[keys[keys.length - 1]] = value;
}
