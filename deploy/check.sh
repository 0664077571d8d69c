#!/bin/sh
# Checks the alert rules with Prometheus's own tool (Debian: apt-get install prometheus).
set -e
cd "$(dirname "$0")"
promtool check rules prometheus/position-change.rules.yml
