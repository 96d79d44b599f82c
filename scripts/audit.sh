#!/usr/bin/env bash
# The audit step of npm run check: known vulnerabilities in what ships (production dependencies).
# High or critical findings fail; an unreachable audit service (offline, a proxy that refuses
# the endpoint) is a loud warning but not a failure, since it says nothing about the code.
#   scripts/audit.sh               run npm audit and judge its report
#   scripts/audit.sh report.json   judge a saved `npm audit --json` report instead
set -uo pipefail
cd "$(dirname "$0")/.."
if [ $# -gt 0 ]; then
  report=$(cat "$1")
else
  echo "==> npm audit --omit=dev --audit-level=high" >&2
  report=$(timeout 120 npm audit --omit=dev --audit-level=high --json 2>/dev/null)
fi
REPORT="$report" node -e '
const text = process.env.REPORT ?? "";
let report;
try {
  report = JSON.parse(text);
} catch {
  report = undefined;
}
const counts = report?.metadata?.vulnerabilities;
if (!counts) {
  const why = report?.message ?? report?.error?.summary ?? report?.error?.code ?? (text.trim().slice(0, 200) || "no answer");
  console.error(`WARNING: npm audit could not reach the audit service (${why}); dependencies NOT audited.`);
  process.exit(0);
}
const serious = Object.entries(report.vulnerabilities ?? {})
  .filter(([, v]) => v.severity === "high" || v.severity === "critical")
  .map(([name, v]) => `  ${v.severity}: ${name} ${v.range ?? ""}`);
if (counts.high + counts.critical > 0) {
  console.error(`npm audit: ${counts.critical} critical and ${counts.high} high findings in production dependencies:`);
  console.error(serious.join("\n"));
  process.exit(1);
}
console.error(`npm audit: no high or critical findings (${counts.total} lower).`);
'
