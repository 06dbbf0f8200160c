/// The helpers every compiled template calls (`pug_escape`, `pug_attr`, `pug_attrs`,
/// `pug_classes`, `pug_style`, `pug_merge`, plus `pug_with` and `pug_rethrow`).
/// Emit `source` once, before any template function, in the browser bundle and in
/// each script context that renders templates.
///
/// ```swift
/// let bundle = PugRuntime.source + "\nvar tmpl = " + compiled.output + ";"
/// ```
///
/// The escaping, attribute, class, style and merge helpers reproduce pug-runtime's
/// behaviour exactly (that is what makes the output byte-identical to Pug's); they
/// follow pug-runtime, MIT licence, Copyright (c) 2014 Forbes Lindesay.
/// `pug_with` and `pug_rethrow` are ssbuild's own.
public enum PugRuntime {
    public static let source: String = #"""
var pug_has_own_property = Object.prototype.hasOwnProperty;
var pug_match_html = /["&<>]/;
function pug_escape(_html) {
  var html = '' + _html;
  var regexResult = pug_match_html.exec(html);
  if (!regexResult) return _html;
  var result = '';
  var i, lastIndex, escape;
  for (i = regexResult.index, lastIndex = 0; i < html.length; i++) {
    switch (html.charCodeAt(i)) {
      case 34: escape = '&quot;'; break;
      case 38: escape = '&amp;'; break;
      case 60: escape = '&lt;'; break;
      case 62: escape = '&gt;'; break;
      default: continue;
    }
    if (lastIndex !== i) result += html.substring(lastIndex, i);
    lastIndex = i + 1;
    result += escape;
  }
  if (lastIndex !== i) return result + html.substring(lastIndex, i);
  else return result;
}
function pug_style(val) {
  if (!val) return '';
  if (typeof val === 'object') {
    var out = '';
    for (var style in val) {
      if (pug_has_own_property.call(val, style)) out = out + style + ':' + val[style] + ';';
    }
    return out;
  }
  return val + '';
}
function pug_classes_array(val, escaping) {
  var classString = '', className, padding = '', escapeEnabled = Array.isArray(escaping);
  for (var i = 0; i < val.length; i++) {
    className = pug_classes(val[i]);
    if (!className) continue;
    escapeEnabled && escaping[i] && (className = pug_escape(className));
    classString = classString + padding + className;
    padding = ' ';
  }
  return classString;
}
function pug_classes_object(val) {
  var classString = '', padding = '';
  for (var key in val) {
    if (key && val[key] && pug_has_own_property.call(val, key)) {
      classString = classString + padding + key;
      padding = ' ';
    }
  }
  return classString;
}
function pug_classes(val, escaping) {
  if (Array.isArray(val)) return pug_classes_array(val, escaping);
  if (val && typeof val === 'object') return pug_classes_object(val);
  return val || '';
}
function pug_attr(key, val, escaped, terse) {
  if (val === false || val == null || !val && (key === 'class' || key === 'style')) return '';
  if (val === true) return ' ' + (terse ? key : key + '="' + key + '"');
  var type = typeof val;
  if ((type === 'object' || type === 'function') && typeof val.toJSON === 'function') val = val.toJSON();
  if (typeof val !== 'string') {
    val = JSON.stringify(val);
    if (!escaped && val.indexOf('"') !== -1) return ' ' + key + '=\'' + val.replace(/'/g, '&#39;') + '\'';
  }
  if (escaped) val = pug_escape(val);
  return ' ' + key + '="' + val + '"';
}
function pug_attrs(obj, terse) {
  var attrs = '';
  for (var key in obj) {
    if (pug_has_own_property.call(obj, key)) {
      var val = obj[key];
      if ('class' === key) {
        val = pug_classes(val);
        attrs = pug_attr(key, val, false, terse) + attrs;
        continue;
      }
      if ('style' === key) val = pug_style(val);
      attrs += pug_attr(key, val, false, terse);
    }
  }
  return attrs;
}
function pug_merge(a, b) {
  if (arguments.length === 1) {
    var attrs = a[0];
    for (var i = 1; i < a.length; i++) attrs = pug_merge(attrs, a[i]);
    return attrs;
  }
  for (var key in b) {
    if (key === 'class') {
      var valA = a[key] || [];
      a[key] = (Array.isArray(valA) ? valA : [valA]).concat(b[key] || []);
    } else if (key === 'style') {
      var valA = pug_style(a[key]);
      valA = valA && valA[valA.length - 1] !== ';' ? valA + ';' : valA;
      var valB = pug_style(b[key]);
      valB = valB && valB[valB.length - 1] !== ';' ? valB + ';' : valB;
      a[key] = valA + valB;
    } else {
      a[key] = b[key];
    }
  }
  return a;
}
var pug_global = typeof globalThis !== 'undefined' ? globalThis : (typeof window !== 'undefined' ? window : this);
function pug_with(locals, declared) {
  var target = locals || {};
  var skip = Object.create(null);
  for (var i = 0; i < declared.length; i++) skip[declared[i]] = true;
  return new Proxy(target, {
    has: function (t, k) {
      if (typeof k !== 'string' || skip[k] || k.slice(0, 4) === 'pug_' || k === 'locals' || k === 'arguments') return false;
      return k in t || !(k in pug_global);
    },
    get: function (t, k) { return k === Symbol.unscopables ? undefined : t[k]; }
  });
}
function pug_rethrow(err, files, n) {
  if (n != null) {
    if (!err || typeof err !== 'object') err = new Error(String(err));
    try { err.pugFile = files[Math.floor(n / 1000000)]; err.pugLine = n % 1000000; } catch (e) {}
  }
  throw err;
}
"""#
}
