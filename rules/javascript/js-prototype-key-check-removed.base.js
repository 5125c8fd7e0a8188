const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

function setPath(target, path, value) {
  const keys = path.split(".");
  let node = target;
  for (let i = 0; i < keys.length - 1; i++) {
    if (keys[i] === "__proto__" || keys[i] === "constructor" || keys[i] === "prototype") {
      throw new Error("bad key");
    }
    node = node[keys[i]] = node[keys[i]] || {};
  }
  node[keys[keys.length - 1]] = value;
}

function merge(into, from) {
  for (const k of Object.keys(from)) {
    if (k === "__proto__") continue;
    into[k] = from[k];
  }
}

function label(obj) {
  return obj.name;
}

const BLOCKED = new Set(["__proto__", "prototype", "constructor"]);

function assignPath(target, path, value) {
  const keys = String(path).split(".");
  if (keys.some((k) => BLOCKED.has(k))) throw new TypeError("bad path");
  let node = target;
  for (const key of keys.slice(0, -1)) node = node[key] = node[key] || {};
  node[keys[keys.length - 1]] = value;
}
