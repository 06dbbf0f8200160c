function template(locals) {var pug_html = "", pug_mixins = {}, pug_interp;var pug_debug_line, pug_debug_files = ["/app/views/page.pug","/app/views/layout.pug","/app/views/nav.pug"];
try {with (pug_with(locals, ["total"])) {
pug_html = pug_html + "<!DOCTYPE html><html lang=\"en\"><head><title>";
pug_debug_line = 1000005;
pug_html = pug_html + (pug_escape(null == (pug_interp = title) ? "" : pug_interp)) + "<\/title><style>body { margin: 0 }<\/style><\/head><body>";
pug_debug_line = 2000001;
pug_mixins["link"] = pug_interp = function(href, text){
var block = (this && this.block), attributes = (this && this.attributes) || {};
pug_html = pug_html + "<a";
pug_debug_line = 2000002;
pug_html = pug_html + (pug_attrs(pug_merge([{"class": pug_classes([{active: href === current}], [true]),"href": pug_escape(href)},attributes]), true)) + ">" + (pug_escape(null == (pug_interp = text) ? "" : pug_interp)) + "<\/a>";
};
pug_html = pug_html + "<nav>";
pug_debug_line = 2000004;
// iterate items || []
;(function(){
  var $$obj = items || [];
  if ('number' == typeof $$obj.length) {
      for (var pug_index0 = 0, $$l = $$obj.length; pug_index0 < $$l; pug_index0++) {
        var item = $$obj[pug_index0];
pug_debug_line = 2000005;
pug_mixins["link"].call({
attributes: {"data-id": pug_escape(item.id)}
}, item.href, item.text);
      }
  } else {
    var $$l = 0;
    for (var pug_index0 in $$obj) {
      $$l++;
      var item = $$obj[pug_index0];
pug_debug_line = 2000005;
pug_mixins["link"].call({
attributes: {"data-id": pug_escape(item.id)}
}, item.href, item.text);
    }
  }
}).call(this);

pug_html = pug_html + "<\/nav><main class=\"container\" id=\"content\"><h1>Hello ";
pug_debug_line = 7;
pug_html = pug_html + (pug_escape(null == (pug_interp = user.name) ? "" : pug_interp)) + "!<\/h1>";
pug_debug_line = 8;
if ( user.admin) {
pug_html = pug_html + "<p class=\"badge\">Admin<\/p>";
}
else {
pug_html = pug_html + "<p><em>Regular<\/em> user<\/p>";
}
pug_debug_line = 12;
switch (user.plan){
case 'pro':
pug_html = pug_html + "<p>Pro<\/p>";
  break;
default:
pug_html = pug_html + "<p>Free<\/p>";
  break;
}
pug_html = pug_html + "<![CDATA[raw <text>]]>";
pug_debug_line = 17;
var total = 0
pug_html = pug_html + "<ul>";
pug_debug_line = 19;
while (total < 2) {
pug_html = pug_html + "<li>";
pug_debug_line = 20;
pug_html = pug_html + (pug_escape(null == (pug_interp = total++) ? "" : pug_interp)) + "<\/li>";
}
pug_html = pug_html + "<\/ul><\/main><\/body><\/html>";
}} catch (err) {pug_rethrow(err, pug_debug_files, pug_debug_line);}return pug_html;}