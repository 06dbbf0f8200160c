function template(locals) {var pug_html = "", pug_mixins = {}, pug_interp;var pug_indent = [];with (pug_with(locals, ["total"])) {
pug_html = pug_html + "<!DOCTYPE html>\n<html lang=\"en\">\n  <head>\n    <title>" + (pug_escape(null == (pug_interp = title) ? "" : pug_interp)) + "<\/title>\n    <style>body { margin: 0 }<\/style>\n  <\/head>\n  <body>";
pug_mixins["link"] = pug_interp = function(href, text){
var block = (this && this.block), attributes = (this && this.attributes) || {};
pug_html = pug_html + "<a" + (pug_attrs(pug_merge([{"class": pug_classes([{active: href === current}], [true]),"href": pug_escape(href)},attributes]), true)) + ">" + (pug_escape(null == (pug_interp = text) ? "" : pug_interp)) + "<\/a>";
};
pug_html = pug_html + "\n    <nav>";
// iterate items || []
;(function(){
  var $$obj = items || [];
  if ('number' == typeof $$obj.length) {
      for (var pug_index0 = 0, $$l = $$obj.length; pug_index0 < $$l; pug_index0++) {
        var item = $$obj[pug_index0];
pug_indent.push("      ");
pug_mixins["link"].call({
attributes: {"data-id": pug_escape(item.id)}
}, item.href, item.text);
pug_indent.pop();
      }
  } else {
    var $$l = 0;
    for (var pug_index0 in $$obj) {
      $$l++;
      var item = $$obj[pug_index0];
pug_indent.push("      ");
pug_mixins["link"].call({
attributes: {"data-id": pug_escape(item.id)}
}, item.href, item.text);
pug_indent.pop();
    }
  }
}).call(this);

pug_html = pug_html + "\n    <\/nav>\n    <main class=\"container\" id=\"content\">\n      <h1>Hello " + (pug_escape(null == (pug_interp = user.name) ? "" : pug_interp)) + "!<\/h1>";
if ( user.admin) {
pug_html = pug_html + "\n      <p class=\"badge\">Admin<\/p>";
}
else {
pug_html = pug_html + "\n      <p><em>Regular<\/em> user<\/p>";
}
switch (user.plan){
case 'pro':
pug_html = pug_html + "\n      <p>Pro<\/p>";
  break;
default:
pug_html = pug_html + "\n      <p>Free<\/p>";
  break;
}
pug_html = pug_html + "<![CDATA[raw <text>]]>";
var total = 0
pug_html = pug_html + "\n      <ul>";
while (total < 2) {
pug_html = pug_html + "\n        <li>" + (pug_escape(null == (pug_interp = total++) ? "" : pug_interp)) + "<\/li>";
}
pug_html = pug_html + "\n      <\/ul>\n    <\/main>\n  <\/body>\n<\/html>";
}return pug_html;}