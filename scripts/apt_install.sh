# Sourced by the install_*.sh scripts: `apt_install WHAT WHY PACKAGE [apt-get options]`
# installs one of Debian's packages as root, or with sudo when it needs no
# password; otherwise it says what to run and fails.

apt_install() {
    local what=$1 why=$2 package=$3
    shift 3
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            sudo=(sudo -n)
        else
            cat >&2 <<MSG
ERROR: $what is missing and this user can neither install it (not root)
nor use sudo without a password. $why needs Debian's $package:
    sudo apt-get update && sudo apt-get install -y $package
then run the command again.
MSG
            return 1
        fi
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "ERROR: $what is missing and there is no apt-get here: install Debian's $package package." >&2
        return 1
    fi
    echo "$what: installing Debian's $package (apt-get)..."
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -q
    "${sudo[@]}" apt-get install -y -q "$@" "$package"
}
