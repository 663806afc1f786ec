#!/usr/bin/env bash
# Checks `wijkpeil budget count` against the field's reference: pabutools (greedy_utilitarian_welfare,
# and method_of_equal_shares with Cost_Sat, voter_budget_increment=1, completed by greedy through
# completion_by_rule_combination, with Wijkpeil's tie rule) on generated Pabulib instances, and
# checks the Pabulib files Wijkpeil writes with pabulib-checker. Installs both in a virtual
# environment. Prints the agreement and the time both take on a 2,000-voter, 40-proposal vote.
#   scripts/check-budget-rules.sh [INSTANCES]
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-30}"
case "$count" in "" | *[!0-9]* | 0) echo "usage: scripts/check-budget-rules.sh [INSTANCES]" >&2; exit 2 ;; esac
venv="${TMPDIR:-/tmp}/wijkpeil-pabutools"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q pabutools pabulib-checker
swift build -c release -q ${SWIFT_BUILD_FLAGS:-}
"$venv/bin/python" scripts/budget_rules_check.py --wijkpeil .build/release/wijkpeil --instances "$count"
