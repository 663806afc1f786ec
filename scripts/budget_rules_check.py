"""Compares `wijkpeil budget count` with pabutools on generated Pabulib instances (see
check-budget-rules.sh). Every instance is written as a Pabulib file, counted by both with both
rules, and the selected sets compared; the files Wijkpeil writes are checked with pabulib-checker."""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time

from pabutools.election import parse_pabulib, Cost_Sat
from pabutools.rules import (
    greedy_utilitarian_welfare,
    method_of_equal_shares,
    completion_by_rule_combination,
)
from pabutools.tiebreaking import TieBreakingRule

# Wijkpeil's tie rule: the cheaper proposal first, then more approvals, then the id as text.
TIES = TieBreakingRule(lambda inst, prof, proj: (proj.cost, -prof.approval_score(proj), proj.name))


def generate(seed, projects, voters):
    rng = random.Random(seed)
    costs = [rng.choice([5, 10, 15, 20, 25, 30, 40, 50, 60, 80, 100]) * 500 for _ in range(projects)]
    budget = max(max(costs), int(sum(costs) * rng.uniform(0.25, 0.5)))
    # Popular and unpopular proposals, and groups of voters who like the same ones.
    weights = [rng.paretovariate(1.2) for _ in range(projects)]
    ballots = []
    for _ in range(voters):
        size = rng.randint(1, min(6, projects))
        chosen = set()
        while len(chosen) < size:
            chosen.add(rng.choices(range(projects), weights)[0])
        ballots.append(sorted(chosen))
    for p in range(projects):  # every proposal has a supporter (see docs: greedy here never funds one without)
        if not any(p in b for b in ballots):
            ballots[rng.randrange(voters)].append(p)
    lines = ["META", "key;value", f"description;generated {seed}", "country;Netherlands", "unit;Kerkwijk",
             f"instance;{2026 + seed % 3}", f"num_projects;{projects}", f"num_votes;{voters}", f"budget;{budget}",
             "vote_type;approval", "rule;greedy", "date_begin;01.03.2027", "date_end;15.03.2027",
             "PROJECTS", "project_id;cost;name"]
    lines += [f"p{p:02d};{costs[p]};Proposal {p}" for p in range(projects)]
    lines += ["VOTES", "voter_id;vote"]
    lines += [f"{v + 1};" + ",".join(f"p{p:02d}" for p in sorted(set(b))) for v, b in enumerate(ballots)]
    return "\n".join(lines) + "\n"


def reference(path, rule):
    instance, profile = parse_pabulib(path)
    if rule == "greedy":
        outcome = greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat, tie_breaking=TIES)
    else:
        outcome = completion_by_rule_combination(
            instance, profile, [method_of_equal_shares, greedy_utilitarian_welfare],
            [{"sat_class": Cost_Sat, "voter_budget_increment": 1, "tie_breaking": TIES},
             {"sat_class": Cost_Sat, "tie_breaking": TIES}])
    return sorted(p.name for p in outcome)


def wijkpeil(binary, path, rule, form="json"):
    result = subprocess.run([binary, "budget", "count", "--pb", path, "--rule", rule, "--format", form],
                            capture_output=True, text=True, check=True)
    return result.stdout


def main():
    arguments = argparse.ArgumentParser()
    arguments.add_argument("--wijkpeil", required=True)
    arguments.add_argument("--instances", type=int, default=30)
    options = arguments.parse_args()
    folder = tempfile.mkdtemp(prefix="wijkpeil-pb-")
    agree = {"greedy": 0, "mes": 0}
    differ = []
    checker_failures = 0
    for seed in range(1, options.instances + 1):
        rng = random.Random(1000 + seed)
        projects, voters = rng.randint(10, 40), rng.choice([40, 100, 300, 700, 2000])
        path = os.path.join(folder, f"i{seed}.pb")
        with open(path, "w") as file:
            file.write(generate(seed, projects, voters))
        for rule in ("greedy", "mes"):
            ours = sorted(json.loads(wijkpeil(options.wijkpeil, path, rule))["selected"])
            theirs = reference(path, rule)
            if ours == theirs:
                agree[rule] += 1
            else:
                differ.append((seed, rule, projects, voters, sorted(set(ours) ^ set(theirs))))
        for rule in ("greedy", "mes"):
            written = os.path.join(folder, f"i{seed}.{rule}.pb")
            with open(written, "w") as file:
                file.write(wijkpeil(options.wijkpeil, path, rule, "pb"))
            check = subprocess.run([sys.executable, "-c", CHECK, written], capture_output=True, text=True)
            if check.returncode != 0:
                checker_failures += 1
                print(f"pabulib-checker on instance {seed} ({rule}): {check.stdout.strip()[-600:]}")
    n = options.instances
    print(f"instances: {n} (10-40 proposals, 40-2,000 voters)")
    print(f"greedy: {agree['greedy']}/{n} selections equal to pabutools")
    print(f"mes:    {agree['mes']}/{n} selections equal to pabutools")
    for seed, rule, projects, voters, symmetric in differ:
        print(f"  differs: instance {seed} ({projects} proposals, {voters} voters), {rule}: {symmetric}")
    print(f"pabulib-checker: {2 * n - checker_failures}/{2 * n} written files accepted (greedy and mes)")

    # Speed on one 2,000 x 40 instance, both whole processes.
    path = os.path.join(folder, "speed.pb")
    with open(path, "w") as file:
        file.write(generate(4242, 40, 2000))
    start = time.perf_counter()
    wijkpeil(options.wijkpeil, path, "mes")
    ours = time.perf_counter() - start
    start = time.perf_counter()
    reference(path, "mes")
    theirs = time.perf_counter() - start
    print(f"2,000 voters x 40 proposals, mes with completion: wijkpeil {ours * 1000:.0f} ms (whole process), pabutools {theirs * 1000:.0f} ms")
    sys.exit(0 if not differ and checker_failures == 0 else 1)


CHECK = """
import json, sys
from pabulib.checker import Checker
result = Checker().process_files([sys.argv[1]])
name = [key for key in result if key not in ("metadata", "summary")][0]
errors = result[name]["results"].get("errors", {})
print(json.dumps(result[name]["results"], ensure_ascii=False)[:600])
sys.exit(1 if errors else 0)
"""

if __name__ == "__main__":
    main()
