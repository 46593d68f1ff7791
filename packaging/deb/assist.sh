#!/bin/sh
# /usr/bin/assist: start the bundled Assist 坐席助手 (installed under /opt/assist).
exec /opt/assist/assist "$@"
