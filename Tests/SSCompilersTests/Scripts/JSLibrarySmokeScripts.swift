/// Node smoke scripts for the library behaviour tests: each loads the library named by
/// `process.argv[2]` and prints results of calling its API, so the original and the
/// minified file can be compared line by line.
enum JSLibrarySmokeScripts {
    static let scripts: [String: String] = [
        "jquery": #"""
            const P = new Proxy(function () {}, {
              get: (t, k) => k === Symbol.toPrimitive ? () => 0 : k === 'nodeType' ? 9 : k === 'length' ? 0 : P,
              apply: () => P, construct: () => P, set: () => true, has: () => true,
            });
            const win = { document: P, Symbol, Array, Object, Math, Date, RegExp, Error, JSON, setTimeout, clearTimeout, navigator: P, location: P, addEventListener() {}, removeEventListener() {}, getComputedStyle: P };
            let $ = require(require("path").resolve(process.argv[2]));
            if (typeof $ === 'function' && !$.fn) $ = $(win, true);
            const out = [];
            out.push($.fn.jquery, typeof $.ajax, Object.keys($).sort().join(','));
            out.push(JSON.stringify($.extend(true, {}, { a: 1, b: { c: [1, 2] } }, { b: { d: 3 } })));
            out.push(JSON.stringify($.map([1, 2, 3], (x) => x * 2)), $.trim ? $.trim('  x ') : '', $.type(/a/), $.isPlainObject({}));
            out.push($.param({ a: [1, 2], b: 'x y', c: { d: 1 } }), $.camelCase ? $.camelCase('foo-bar') : '');
            const cb = $.Callbacks('once memory'); let n = 0; cb.add(() => n++); cb.fire(); cb.fire(); out.push(n);
            const d = $.Deferred(); d.done((v) => out.push('done:' + v)); d.resolve(42);
            out.push(JSON.stringify($.grep([1, 2, 3, 4], (x) => x % 2)), $.inArray(3, [1, 2, 3]), JSON.stringify($.merge([1], [2])));
            out.push(JSON.stringify($.parseJSON ? $.parseJSON('{"a":1}') : 0), $.isNumeric ? $.isNumeric('3.5') : '');
            setTimeout(() => console.log(out.join('\n')), 10);
            """#,
        "underscore": #"""
            const _ = require(require("path").resolve(process.argv[2]));
            const out = [];
            out.push(_.VERSION, Object.keys(_).length);
            out.push(JSON.stringify(_.map([1, 2, 3], (x) => x * 3)), JSON.stringify(_.groupBy([1.3, 2.1, 2.4], Math.floor)));
            out.push(_.template('hello <%= name %> <% _.each(xs, function(x){ %>[<%- x %>]<% }) %>')({ name: 'w', xs: ['<a>', 2] }));
            out.push(JSON.stringify(_.chain([3, 1, 2]).sortBy(_.identity).map((x) => x * 2).value()));
            out.push(JSON.stringify(_.uniq([1, 2, 1, 3])), JSON.stringify(_.zip([1, 2], ['a', 'b'])), _.isEqual({ a: [1] }, { a: [1] }));
            out.push(JSON.stringify(_.debounce), _.escape('<&>"\''), _.unescape('&lt;x&gt;'), JSON.stringify(_.range(0, 10, 3)));
            out.push(JSON.stringify(_.pick({ a: 1, b: 2, c: 3 }, 'a', 'c')), JSON.stringify(_.invert({ a: 'x' })), _.isFunction(_));
            out.push(JSON.stringify(_.partition([1, 2, 3, 4], (x) => x % 2)), JSON.stringify(_.flatten([1, [2, [3]]])));
            const m = _.memoize((x) => x * 2); out.push(m(4), m(4));
            console.log(out.join('\n'));
            """#,
        "mustache": #"""
            const M = require(require("path").resolve(process.argv[2]));
            const out = [M.version, M.name];
            out.push(M.render('Hi {{name}}! {{#items}}<{{.}}>{{/items}}{{^none}}none{{/none}} {{{raw}}} {{&raw}} {{esc}}', { name: 'Bob', items: [1, 2], raw: '<b>', esc: '<i>&' }));
            out.push(M.render('{{#wrap}}x{{/wrap}} {{> part}}', { wrap: () => (t, r) => '[' + r(t) + ']' }, { part: 'P{{name}}' }));
            out.push(JSON.stringify(M.parse('a {{b}} {{#c}}d{{/c}}')));
            try { M.render('{{#a}}', {}); } catch (e) { out.push('err:' + e.message); }
            console.log(out.join('\n'));
            """#,
        "moment": #"""
            const moment = require(require("path").resolve(process.argv[2]));
            const out = [moment.version];
            const m = moment.utc('2021-03-04T05:06:07.089Z');
            out.push(m.format(), m.format('dddd, MMMM Do YYYY, h:mm:ss a [Q]Q wo'), m.valueOf(), m.add(3, 'days').toISOString());
            out.push(moment.utc('2020-01-31').add(1, 'month').format('YYYY-MM-DD'), moment.duration(3661000).humanize(), moment.duration('P1Y2M3DT4H').asHours());
            out.push(moment.utc('2020-02-29').isLeapYear(), moment.utc([2020, 0, 1]).diff(moment.utc([2019, 0, 1]), 'days'), moment.utc('2021-01-01').week());
            out.push(moment.utc('12-25-1995', 'MM-DD-YYYY').format(), moment.utc('garbage', 'YYYY', true).isValid(), moment.utc(0).from(moment.utc(86400000 * 40)));
            out.push(moment.utc('2021-06-15').startOf('quarter').format(), moment.utc('2021-06-15').endOf('isoWeek').format(), moment.locale(), JSON.stringify(moment.utc(5).toObject()));
            console.log(out.join('\n'));
            """#,
        "lodash": #"""
            const _ = require(require("path").resolve(process.argv[2]));
            const out = [_.VERSION, Object.keys(_).length];
            out.push(JSON.stringify(_.chunk([1, 2, 3, 4, 5], 2)), JSON.stringify(_.merge({ a: [{ b: 2 }] }, { a: [{ c: 3 }] })), JSON.stringify(_.cloneDeep({ a: new Date(0), b: [1, { c: /x/g }] })));
            out.push(_.template('hi <%= user %>! ${x} <% _.forEach(xs, function(v){ %><li><%- v %></li><% }) %>')({ user: 'f', x: 1, xs: ['<a>'] }));
            out.push(JSON.stringify(_.sortBy([{ a: 3 }, { a: 1 }], 'a')), _.camelCase('Foo Bar-baz'), _.kebabCase('fooBar'), _.snakeCase('Foo Bar'), _.startCase('--foo-bar--'));
            out.push(JSON.stringify(_.get({ a: [{ b: { c: 3 } }] }, 'a[0].b.c')), JSON.stringify(_.set({}, 'x.y[1].z', 5)), _.isEqual([1, { a: 2 }], [1, { a: 2 }]));
            out.push(JSON.stringify(_.chain([1, 2, 3, 4]).filter((x) => x % 2 === 0).map((x) => x * 10).value()), JSON.stringify(_.zipObject(['a', 'b'], [1, 2])));
            out.push(JSON.stringify(_.debounce(() => 1, 10).cancel()), _.padStart('5', 3, '0'), _.truncate('hello world long', { length: 10 }), JSON.stringify(_.words('fred, barney, & pebbles')));
            out.push(JSON.stringify(_.intersectionBy([2.1, 1.2], [2.3, 3.4], Math.floor)), JSON.stringify(_.countBy(['one', 'two', 'three'], 'length')), _.escapeRegExp('[a](b)'), _.deburr('déjà vu'));
            const fib = _.memoize((n) => (n < 2 ? n : fib(n - 1) + fib(n - 2))); out.push(fib(50), _.sum([1, 2, 3]), _.round(4.006, 2), _.random.length);
            console.log(out.join('\n'));
            """#,
        "three": #"""
            const T = require(require("path").resolve(process.argv[2]));
            const out = [T.REVISION, Object.keys(T).length];
            const v = new T.Vector3(1, 2, 3).applyMatrix4(new T.Matrix4().makeRotationY(0.5).setPosition(1, 1, 1));
            out.push(v.toArray().map((x) => x.toFixed(6)).join(','));
            const q = new T.Quaternion().setFromEuler(new T.Euler(0.1, 0.2, 0.3)); out.push(q.toArray().map((x) => x.toFixed(6)).join(','));
            out.push(new T.Color('#ff8800').getHexString(), new T.Color().setHSL(0.3, 0.5, 0.5).getHex(), JSON.stringify(new T.Box3().setFromPoints([new T.Vector3(1, 2, 3), new T.Vector3(-1, 0, 5)])));
            const g = new T.BoxBufferGeometry(1, 2, 3, 2, 2, 2); out.push(g.attributes.position.count, g.index.count);
            const s = new T.SphereBufferGeometry(1, 8, 6); s.computeBoundingSphere(); out.push(s.boundingSphere.radius.toFixed(6), s.attributes.normal.array.slice(0, 6).join(','));
            const scene = new T.Scene(); const mesh = new T.Mesh(g, new T.MeshBasicMaterial({ color: 0x123456 })); mesh.position.set(0, 0.5, 3); scene.add(mesh); scene.updateMatrixWorld();
            out.push(mesh.matrixWorld.elements.join(','), JSON.stringify(scene.toJSON()).length);
            const cam = new T.PerspectiveCamera(60, 1.5, 0.1, 100); cam.updateProjectionMatrix(); out.push(cam.projectionMatrix.elements.map((x) => x.toFixed(5)).join(','));
            const ray = new T.Raycaster(new T.Vector3(0, 0, 10), new T.Vector3(0, 0, -1)); out.push(ray.intersectObject(mesh).map((i) => i.distance.toFixed(4)).join(','));
            out.push(T.Math.clamp(5, 0, 3), new T.Spherical().setFromVector3(new T.Vector3(1, 1, 1)).phi.toFixed(6), new T.CatmullRomCurve3([new T.Vector3(), new T.Vector3(1, 1, 0), new T.Vector3(2, 0, 1)]).getLength().toFixed(6));
            const shape = new T.Shape(); shape.moveTo(0, 0); shape.lineTo(1, 0); shape.lineTo(1, 1); shape.lineTo(0, 0); out.push(new T.ShapeBufferGeometry(shape).attributes.position.count);
            console.log(out.join('\n'));
            """#,
    ]
}
