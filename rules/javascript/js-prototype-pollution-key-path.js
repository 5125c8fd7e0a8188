function merge(target, source) {
  for (const key in source) {
    if (typeof source[key] === 'object' && source[key] !== null) {
      if (!target[key]) {
        // ruleid: js-prototype-pollution-key-path
        target[key] = {};
      }
      merge(target[key], source[key]);
    } else {
      // ruleid: js-prototype-pollution-key-path
      target[key] = source[key];
    }
  }
  return target;
}

function safeMerge(target, source) {
  for (const key in source) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    if (typeof source[key] === 'object' && source[key] !== null) {
      // ok: js-prototype-pollution-key-path
      target[key] = safeMerge(target[key] || {}, source[key]);
    } else {
      // ok: js-prototype-pollution-key-path
      target[key] = source[key];
    }
  }
  return target;
}

function shallowCopy(target, source) {
  for (const key in source) {
    // ok: js-prototype-pollution-key-path
    target[key] = source[key];
  }
  return target;
}

const setPath = (obj, path, value) => {
  const parts = path.split('.');
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    if (!cur[parts[i]]) {
      // ruleid: js-prototype-pollution-key-path
      cur[parts[i]] = {};
    }
    cur = cur[parts[i]];
  }
  // ruleid: js-prototype-pollution-key-path
  cur[parts[parts.length - 1]] = value;
  return obj;
};

function setPathSafe(obj, path, value) {
  const parts = path.split('.');
  if (parts.some((p) => p === '__proto__' || p === 'constructor' || p === 'prototype')) {
    throw new Error('bad path');
  }
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    cur = cur[parts[i]] || (cur[parts[i]] = {});
  }
  // ok: js-prototype-pollution-key-path
  cur[parts[parts.length - 1]] = value;
  return obj;
}

module.exports = { merge, safeMerge, shallowCopy, setPath, setPathSafe };

class Config {
  assign(dst, src) {
    Object.keys(src).forEach((k) => {
      if (src[k] && typeof src[k] === 'object') {
        // ruleid: js-prototype-pollution-key-path
        this.assign(dst[k] || (dst[k] = {}), src[k]);
      } else {
        // ruleid: js-prototype-pollution-key-path
        dst[k] = src[k];
      }
    });
  }
}

function isConstructorOrProto(obj, key) {
  return (key === 'constructor' && typeof obj[key] === 'function') || key === '__proto__';
}

function setKey(obj, keys, value) {
  let o = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i];
    if (isConstructorOrProto(o, key)) return;
    if (o[key] === undefined) o[key] = {};
    o = o[key];
  }
  // ok: js-prototype-pollution-key-path
  o[keys[keys.length - 1]] = value;
}
