import Foundation

/// The browser side of the `SS` global that every page loads first: the module
/// registry behind `SS.client` / `SS.shared`, `SS.tmpl`, and `SS.env`.
///
/// Modules are defined in bundle order and run once each, in that order, when the
/// page calls `SS.start()`; a `require` of a module that has not run yet runs it first,
/// so CommonJS-style files (`require('/users/online')`) and plain `exports.x = ...`
/// files both work. A module that replaces `module.exports` replaces its namespace.
public enum ClientRuntime {
    /// The runtime source, ES5 so it runs on every browser the app may target.
    public static func source(env: String) -> String {
        "(function(g){'use strict';\n" +
        "var SS=g.SS||(g.SS={});SS.env=\(jsString(env));\n" + body
    }

    private static let body = #"""
    SS.client=SS.client||{};SS.shared=SS.shared||{};SS.tmpl=SS.tmpl||{};
    var defs={},order=[],state={},hasOwn=Object.prototype.hasOwnProperty;
    function key(tree,id){return tree+':'+id}
    function parent(tree,parts){var o=SS[tree];for(var i=0;i<parts.length-1;i++){
      if(!hasOwn.call(o,parts[i])||o[parts[i]]==null)o[parts[i]]={};o=o[parts[i]]}return o}
    function slot(tree,id){var parts=id.split('/'),p=parent(tree,parts),n=parts[parts.length-1];
      if(!hasOwn.call(p,n)||p[n]==null)p[n]={};return{parent:p,name:n}}
    SS.define=function(tree,id,fn){var k=key(tree,id);if(!defs[k])order.push(k);
      defs[k]={tree:tree,id:id,fn:fn};slot(tree,id)};
    function resolve(from,req){var tree='client',path=req;
      if(req.charAt(0)==='.'){var base=from.id.split('/');base.pop();tree=from.tree;
        var segs=req.split('/');for(var i=0;i<segs.length;i++){var s=segs[i];
          if(s==='..')base.pop();else if(s!=='.'&&s!=='')base.push(s)}path=base.join('/')}
      else{path=req.replace(/^\/+/,'');if(path.indexOf('shared/')===0&&!defs[key('client',path)]){
        tree='shared';path=path.slice(7)}}
      return key(tree,path.replace(/\.(js|coffee)$/,''))}
    function run(k){var d=defs[k];if(!d)throw new Error('SS: no module '+k);
      if(state[k]==='done'||state[k]==='running')return slot(d.tree,d.id).parent[slot(d.tree,d.id).name];
      state[k]='running';var s=slot(d.tree,d.id),mod={exports:s.parent[s.name]};
      var req=function(id){return run(resolve(d,id))};
      try{d.fn.call(mod.exports,req,mod,mod.exports)}catch(e){state[k]='failed';throw e}
      s.parent[s.name]=mod.exports;state[k]='done';return mod.exports}
    SS.require=function(id){return run(resolve({tree:'client',id:''},id))};
    SS.start=function(){for(var i=0;i<order.length;i++){var k=order[i];
      if(!state[k]){try{run(k)}catch(e){if(g.console)console.error(e)}}}
      };
    })(typeof window!=='undefined'?window:this);

    """#

    private static func jsString(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}
