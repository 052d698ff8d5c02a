#!/usr/bin/env bash
# The system packages the test suites need, in one list, and their install. `npm test` runs this first, and so
# does `.ci/run` (before `npm ci`):
#   - everything present: installs nothing (a few command lookups, milliseconds);
#   - something missing, as root on Debian or Ubuntu: apt-get installs it;
#   - something missing, not root: stops with the exact command to run, before any suite starts.
# Usage: bash scripts/systemPackages.sh [--check]   (--check never installs: it only reports what is missing)
set -euo pipefail

# One line per Debian package: the package, then how to tell it is there ("command" on PATH or "file" path),
# then what needs it.
readonly PACKAGES=(
	"chromium         command:chromium,chromium-browser,\$CHROMIUM_PATH    the editor tests (test/e2e), headless"
	"fonts-liberation file:/usr/share/fonts/truetype/liberation           text in the editor's screenshots"
	"redis-server     command:redis-server                                 the queue-mode tests (test/queue)"
	"postgresql       postgres                                             the queue-mode tests: any server from 13 on"
	"python3          command:python3                                      building n8n's SQLite binding (node-gyp)"
	"make             command:make                                         building n8n's SQLite binding"
	"g++              command:g++                                          building n8n's SQLite binding"
)

# Any of a comma-separated list of commands; "$NAME" stands for the program an environment variable names.
has_command() {
	local name variable
	for name in ${1//,/ }; do
		if [[ $name == \$* ]]; then
			variable=${name:1}
			[[ -n ${!variable-} && -x ${!variable} ]] && return 0
		elif command -v "$name" >/dev/null 2>&1 || [[ -x /usr/sbin/$name || -x /usr/bin/$name ]]; then
			return 0
		fi
	done
	return 1
}

# The same places test/queue/support/services.ts looks in; there it also checks the version.
has_postgres() {
	[[ -n ${QUEUE_PG_BIN_DIR-} && -x $QUEUE_PG_BIN_DIR/initdb ]] && return 0
	command -v initdb >/dev/null 2>&1 && return 0
	command -v pg_config >/dev/null 2>&1 && [[ -x "$(pg_config --bindir)/initdb" ]] && return 0
	compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null
}

present() {
	local test=$1
	case $test in
	command:*) has_command "${test#command:}" ;;
	file:*) [[ -e ${test#file:} ]] ;;
	postgres) has_postgres ;;
	esac
}

missing=()
for line in "${PACKAGES[@]}"; do
	read -r package test _ <<<"$line"
	present "$test" || missing+=("$package")
done
((${#missing[@]} == 0)) && exit 0

echo "System packages the tests need are missing: ${missing[*]}" >&2
if [[ ${1-} == --check ]]; then
	exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
	echo "This is not a Debian or Ubuntu system: install the equivalents of these Debian packages yourself:" >&2
	for line in "${PACKAGES[@]}"; do echo "  $line" >&2; done
	exit 1
fi
if [[ $(id -u) -ne 0 ]]; then
	echo "Install them as root, then run the tests again:" >&2
	echo "  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}" >&2
	exit 1
fi

apt-get update
# Ubuntu has no "chromium" package: its Chromium is "chromium-browser".
if [[ " ${missing[*]} " == *" chromium "* ]] && ! apt-cache show chromium >/dev/null 2>&1; then
	missing=("${missing[@]/#chromium/chromium-browser}")
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"

# Installed is not enough: say so now, not in the middle of a suite, if a package did not give what is needed.
still=()
for line in "${PACKAGES[@]}"; do
	read -r package test _ <<<"$line"
	present "$test" || still+=("$package")
done
if ((${#still[@]})); then
	echo "Installed, but still not found: ${still[*]}" >&2
	exit 1
fi
