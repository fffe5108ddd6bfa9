"""The exit-code policy of deploy/ checked against AlChain's exit codes (called by scripts/check-deploy.sh).

Reads the codes from Sources/alchain/ExitStatus.swift, evaluates the Indexed Job's podFailurePolicy the way the
Job controller does (first matching rule wins; no match counts toward backoffLimitPerIndex, i.e. a retry) for every
code and for deaths by signal, and reads the Slurm array script's list of final codes. Exits 1 listing each breach.
"""
import re
import sys

import yaml

problems = []


def check(ok, message):
    if not ok:
        problems.append(message)


swift = open("Sources/alchain/ExitStatus.swift", encoding="utf-8").read()
codes = {name: int(value) for name, value in re.findall(r"case (\w+) = (\d+)", swift)}
final = sorted(v for v in codes.values() if v != 0)
check(codes.get("infeasible") == 1 and codes.get("invalidData") == 65, f"ExitStatus changed: {codes}")
signals = {f"SIG{n}": 128 + s for n, s in [("HUP", 1), ("INT", 2), ("KILL", 9), ("TERM", 15)]}


def load(path):
    return [d for d in yaml.safe_load_all(open(path, encoding="utf-8")) if d]


def decide(job, exit_code=None, condition=None):
    """What the Job controller does with a failed pod: the first matching rule's action, else a retry."""
    for rule in job["spec"].get("podFailurePolicy", {}).get("rules", []):
        on = rule.get("onExitCodes")
        if exit_code is not None and on:
            hit = exit_code in on["values"]
            if (on["operator"] == "In") == hit:
                return rule["action"]
        for c in rule.get("onPodConditions", []):
            if condition == c["type"] and c.get("status", "True") == "True":
                return rule["action"]
    return "retry (counts toward the backoff limit)"


(volume,) = load("deploy/kubernetes/volume.yaml")
(batch,) = load("deploy/kubernetes/batch-job.yaml")
(merge,) = load("deploy/kubernetes/merge-job.yaml")
valid_actions = {"FailJob", "FailIndex", "Ignore", "Count"}
for job in (batch, merge):
    name = job["metadata"]["name"]
    spec, pod = job["spec"], job["spec"]["template"]["spec"]
    containers = {c["name"]: c for c in pod["containers"]}
    check(pod.get("restartPolicy") == "Never", f"{name}: a pod failure policy needs restartPolicy Never")
    for rule in spec.get("podFailurePolicy", {}).get("rules", []):
        check(rule["action"] in valid_actions, f"{name}: unknown action {rule['action']}")
        on = rule.get("onExitCodes")
        if on:
            check(on.get("containerName") in containers, f"{name}: rule names container {on.get('containerName')}, not in the pod")
            check(0 not in on["values"], f"{name}: exit 0 in a failure rule")
        if rule["action"] == "FailIndex":
            check("backoffLimitPerIndex" in spec, f"{name}: FailIndex needs backoffLimitPerIndex")
    for code in final:
        action = decide(job, exit_code=code)
        check(action in ("FailJob", "FailIndex"), f"{name}: exit {code} is final in AlChain but the policy gives {action}")
    check(decide(job, condition="DisruptionTarget") == "Ignore", f"{name}: an eviction should not count as a failure")
    env = {e["name"]: e.get("value") for c in containers.values() for e in c.get("env", [])}
    check(env.get("ALCHAIN_SHARD_COUNT") == str(batch["spec"]["completions"]),
          f"{name}: ALCHAIN_SHARD_COUNT={env.get('ALCHAIN_SHARD_COUNT')} but the batch Job has {batch['spec']['completions']} completions")
    claims = [v["persistentVolumeClaim"]["claimName"] for v in pod.get("volumes", []) if "persistentVolumeClaim" in v]
    check(claims == [volume["metadata"]["name"]], f"{name}: mounts {claims}, not the shared volume {volume['metadata']['name']}")
    for c in containers.values():
        limit = c.get("resources", {}).get("limits", {}).get("memory", "")
        mib = int(limit[:-2]) if limit.endswith("Mi") else 0
        # Measured peak of one batch process: 214 MB (CI's Slurm run, 2 threads); keep at least 2x headroom.
        check(mib >= 428, f"{name}: memory limit {limit!r} below 2x the measured peak (214 MB)")

check(batch["spec"].get("completionMode") == "Indexed", "alchain-batch: not an Indexed Job")
check(batch["spec"].get("backoffLimitPerIndex", 0) >= 1, "alchain-batch: a signal must be retried at least once per index")
check(0 < batch["spec"].get("parallelism", 0) <= batch["spec"]["completions"], "alchain-batch: parallelism (the cap) out of range")
for sig, code in signals.items():
    check(decide(batch, exit_code=code).startswith("retry"), f"alchain-batch: death by {sig} (exit {code}) is not retried")
check(decide(batch, exit_code=1) == "FailIndex", "alchain-batch: exit 1 (a result) should end only its own index")
check(decide(batch, exit_code=65) == "FailJob", "alchain-batch: exit 65 (invalid data) is the same for every shard; stop the Job")

# Slurm: the array script's final codes are exactly AlChain's documented codes (0 included).
sbatch = open("deploy/slurm/alchain-array.sbatch", encoding="utf-8").read()
m = re.search(r"^\s*([0-9|]+)\)\s*$", sbatch, re.M)
slurm_final = sorted(int(x) for x in m.group(1).split("|")) if m else []
check(slurm_final == sorted(codes.values()), f"slurm: final exit codes {slurm_final}, AlChain documents {sorted(codes.values())}")
check("scontrol requeue" in sbatch and '"$status" -gt 128' in sbatch, "slurm: a signal is not requeued")

print("check-deploy: exit-code policy of alchain-batch (Indexed Job):")
for code in [0] + final:
    print(f"  exit {code:>3}: {'success' if code == 0 else decide(batch, exit_code=code)}")
for sig, code in signals.items():
    print(f"  {sig} ({code}): {decide(batch, exit_code=code)}")
print(f"  evicted (DisruptionTarget): {decide(batch, condition='DisruptionTarget')}")
print(f"check-deploy: slurm array final codes {slurm_final}; signals requeued")
if problems:
    print("check-deploy: FAILED\n  " + "\n  ".join(problems), file=sys.stderr)
    sys.exit(1)
print("check-deploy: policy ok")
