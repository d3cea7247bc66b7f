#!/usr/bin/env bash
# Builds a release in one command: sets VERSION in every POM (sio4j-bom included), then runs Maven with -P release,
# which adds the sources and Javadoc jars and refuses a -SNAPSHOT version. See RELEASING.md.
#   scripts/release.sh 0.1.0            # set the version, build and test (mvn -P release verify)
#   scripts/release.sh 0.1.0 deploy     # the same, then deploy to the repository in the releaser's settings.xml
# Any other arguments go to the second Maven run instead of verify (e.g. -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:?usage: scripts/release.sh VERSION [maven arguments, default: verify]}
shift
[ $# -gt 0 ] || set -- verify
mvn -B -ntp -q versions:set -DnewVersion="$version"
mvn -B -ntp -P release "$@"
