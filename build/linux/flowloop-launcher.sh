#!/bin/sh
# /usr/bin/flowloop from the deb (after-install.sh links it here, resources/bin/flowloop):
# `flowloop run|validate|export|web ...`, `--help` and `--version` run the command line in the
# app's own executable as plain Node (ELECTRON_RUN_AS_NODE), with no window and no display
# needed, as VS Code's `code` does; anything else opens the window. The commands are
# electron/cli-dispatch.ts's CLI_COMMANDS (a test checks that the two lists agree).
app_dir=$(dirname "$(dirname "$(dirname "$(readlink -f "$0")")")")
case "$1" in
  run | validate | export | web | --help | -h | --version)
    ELECTRON_RUN_AS_NODE=1 exec "$app_dir/flowloop" "$app_dir/resources/app.asar/dist/electron/main.js" "$@"
    ;;
esac
exec "$app_dir/flowloop" "$@"
