#!/bin/sh
# After the deb installs: let the desktop pick up the .flow.json MIME type and the launcher.
update-mime-database /usr/share/mime >/dev/null 2>&1 || true
update-desktop-database /usr/share/applications >/dev/null 2>&1 || true
