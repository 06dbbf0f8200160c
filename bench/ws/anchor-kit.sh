# Sourced by the ws benches: copies the anchors' kit (load generator, anchor servers) into
# DIR and adds the "ssbuild" adapter (adapter.js) to its adapter table.
#
#   copy_anchor_kit ANCHOR_DIR DIR
copy_anchor_kit() {
  local anchor=$1 dir=$2 here
  here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  mkdir -p "$dir"
  cp "$anchor"/* "$dir/"
  mv "$dir/adapters.js" "$dir/adapters-anchor.js"
  cp "$here/adapter.js" "$dir/adapter-ssbuild.js"
  echo "module.exports = Object.assign({}, require('./adapters-anchor'), { ssbuild: require('./adapter-ssbuild') });" \
    > "$dir/adapters.js"
}
