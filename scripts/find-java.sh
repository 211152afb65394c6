# Sourced by ./mainstay, ./mvnw and .ci/run (POSIX sh): exports JAVA_HOME pointing at a JDK 21 or newer, or exits
# with one line saying what to install. Order: $JAVA_HOME if it is new enough, then the `java` on the PATH, then
# JDKs installed in the usual places (newest first).

mainstay_java_major() { # $1 = a JDK home; prints its major version, or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  _mj_v=""
  if [ -f "$1/release" ]; then
    _mj_v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release")
  fi
  if [ -z "$_mj_v" ]; then
    _mj_v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
  fi
  printf '%s\n' "$_mj_v"
}

mainstay_try_java() { # $1 = a candidate JDK home; exports JAVA_HOME and succeeds when it is 21 or newer
  [ -n "$1" ] && [ -d "$1" ] || return 1
  _tj_major=$(mainstay_java_major "$1")
  case "$_tj_major" in '' | *[!0-9]*) return 1 ;; esac
  [ "$_tj_major" -ge 21 ] || return 1
  JAVA_HOME="$1"
  export JAVA_HOME
}

mainstay_find_java() {
  mainstay_try_java "${JAVA_HOME:-}" && return 0
  if command -v java >/dev/null 2>&1; then
    _fj_java=$(command -v java)
    _fj_real=$(readlink -f "$_fj_java" 2>/dev/null || printf '%s' "$_fj_java")
    mainstay_try_java "$(dirname "$(dirname "$_fj_real")")" && return 0
  fi
  # newest first: version-sorted, reversed
  for _fj_candidate in $(ls -d /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home "${HOME:-/nonexistent}"/.sdkman/candidates/java/* \
      "${HOME:-/nonexistent}"/.jdks/* 2>/dev/null | sort -V -r); do
    mainstay_try_java "$_fj_candidate" && return 0
  done
  echo "mainstay: no JDK 21 or newer found (looked at JAVA_HOME, the java on PATH and /usr/lib/jvm); install one (e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+ from https://adoptium.net) or set JAVA_HOME to it" >&2
  exit 1
}

mainstay_find_java
