# Sourced by the launchers in bin/: finds a Java 25 or later the way the build does, or says what to install.
# Looked at, in order: TOKEN_WORKBENCH_JAVA (a java binary), JAVA_HOME, every JAVA*_HOME variable, the JDK folders
# (TOKEN_WORKBENCH_JDK_DIRS, default /usr/lib/jvm and macOS's and SDKMAN's), ~/.m2/toolchains.xml, java on PATH.

twb_root() {
    local self
    self=$(readlink -f "$1" 2>/dev/null || echo "$1")
    cd "$(dirname "$self")/.." && pwd
}

# The major version of a java binary: from its JDK's release file, else from the JVM itself.
twb_java_version() {
    local home
    home=$(dirname "$(dirname "$1")")
    if [ -f "$home/release" ]; then
        sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$home/release"
    else
        "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p'
    fi
}

twb_candidates() {
    local var dir
    if [ -n "${TOKEN_WORKBENCH_JAVA:-}" ]; then echo "$TOKEN_WORKBENCH_JAVA"; fi
    if [ -n "${JAVA_HOME:-}" ]; then echo "$JAVA_HOME/bin/java"; fi
    for var in $(env | sed -n 's/^\(JAVA[0-9A-Za-z_]*_HOME\)=.*/\1/p'); do
        [ "$var" = JAVA_HOME ] || echo "${!var}/bin/java"
    done
    for dir in ${TOKEN_WORKBENCH_JDK_DIRS-/usr/lib/jvm /Library/Java/JavaVirtualMachines $HOME/.sdkman/candidates/java}; do
        for home in "$dir"/*; do
            if [ -d "$home/Contents/Home" ]; then echo "$home/Contents/Home/bin/java"; else echo "$home/bin/java"; fi
        done
    done
    if [ -f "$HOME/.m2/toolchains.xml" ]; then
        sed -n 's:.*<jdkHome>[[:space:]]*\([^<]*[^<[:space:]]\)[[:space:]]*</jdkHome>.*:\1/bin/java:p' "$HOME/.m2/toolchains.xml"
    fi
    command -v java || true
}

# Sets JAVA to the first java of version 25 or later, or explains what was found and exits 1.
twb_find_java() {
    local candidate version found=""
    while IFS= read -r candidate; do
        [ -x "$candidate" ] || continue
        version=$(twb_java_version "$candidate")
        if [ -n "$version" ] && [ "$version" -ge 25 ]; then
            JAVA=$candidate
            return 0
        fi
        found="$found
  $candidate (Java ${version:-of unknown version})"
    done < <(twb_candidates)
    {
        echo "Token Workbench needs Java 25 or later, and none was found."
        if [ -n "$found" ]; then echo "Found only:$found"; fi
        echo "Install a JDK 25 (for example the temurin-25-jdk package, or from https://adoptium.net), then set"
        echo "JAVA_HOME or TOKEN_WORKBENCH_JAVA to it if it is not in /usr/lib/jvm."
    } >&2
    exit 1
}

# Exits with the build command when a jar has not been built yet.
twb_require_built() {
    if [ ! -f "$1" ]; then
        echo "$1 is not built yet: run 'mvn -DskipTests package' in $(dirname "$(dirname "$(dirname "$1")")") first." >&2
        exit 1
    fi
}
