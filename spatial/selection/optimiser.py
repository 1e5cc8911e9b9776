"""Automatic proposal: fill the remaining budget with the highest-priority eligible households.

The unit cost is the same for every house of a programme, so the budget is a number of units.
- Without quotas the best choice is exactly the top-N by score: an exact greedy (``greedy``).
- With quotas (at most k units in a village or kecamatan) an integer programme is solved with
  PuLP and the HiGHS solver (``ilp_highs``): maximise the sum of scores subject to the units left
  and every quota's room.
Either way the result lists what was left out and why (budget exhausted, quota full).
"""
from dataclasses import dataclass, field

import pulp

from spatial.codes import parents

GREEDY = "greedy"
ILP = "ilp_highs"


@dataclass
class Proposal:
    """Chosen households (best first), left-out eligible households with a reason, and the method."""
    method: str
    slots: int
    chosen: list = field(default_factory=list)
    left_out: list = field(default_factory=list)   # (row, reason code, region code or None)

    @property
    def total_score(self) -> float:
        """Sum of the chosen households' scores (the objective)."""
        return float(sum(r["skor"] for r in self.chosen))


def _regions(row: dict, quotas: dict) -> list[str]:
    """The quota regions a household counts against: its village, kecamatan and kabupaten."""
    if not row["kode_desa"]:
        return []
    above = parents(row["kode_desa"])
    return [code for code in (row["kode_desa"], above["kode_kec"], above["kode_kab"]) if code is not None and code in quotas]


def room_of(program: dict) -> dict:
    """Remaining room of each quota of ``program``: {kode_wilayah: kuota - already selected}."""
    return {q["kode_wilayah"]: max(q["kuota"] - q["terpakai"], 0) for q in program["kuota"]}


def greedy(candidates: list[dict], slots: int, room: dict) -> Proposal:
    """Walk the ranking and take a household while units and its quotas have room.

    Exact without quotas; with quotas this is the baseline the integer programme must match or beat."""
    room = dict(room)
    proposal = Proposal(GREEDY, slots)
    for row in candidates:
        full = [code for code in _regions(row, room) if room[code] <= 0]
        if len(proposal.chosen) >= slots:
            proposal.left_out.append((row, "anggaran_habis", None))
        elif full:
            proposal.left_out.append((row, "kuota_penuh", full[0]))
        else:
            proposal.chosen.append(row)
            for code in _regions(row, room):
                room[code] -= 1
    return proposal


def integer_programme(candidates: list[dict], slots: int, room: dict, time_limit: int = 60) -> Proposal:
    """Maximise the sum of scores with at most ``slots`` units and each quota's ``room`` (HiGHS)."""
    problem = pulp.LpProblem("seleksi_rtlh", pulp.LpMaximize)
    x = [problem.add_variable(f"x{i}", cat="Binary") for i in range(len(candidates))]
    problem += pulp.lpSum(float(r["skor"]) * v for r, v in zip(candidates, x))
    problem += pulp.lpSum(x) <= slots, "anggaran"
    members: dict[str, list] = {code: [] for code in room}
    for row, var in zip(candidates, x):
        for code in _regions(row, room):
            members[code].append(var)
    for number, (code, variables) in enumerate(members.items()):
        if variables:
            problem += pulp.lpSum(variables) <= room[code], f"kuota_{number}"
    status = problem.solve(pulp.HiGHS(msg=False, timeLimit=time_limit))
    if pulp.LpStatus[status] != "Optimal":
        raise RuntimeError(f"HiGHS: {pulp.LpStatus[status]}")
    proposal = Proposal(ILP, slots)
    used = {code: 0 for code in room}
    for row, var in zip(candidates, x):
        if var.value() is not None and var.value() > 0.5:
            proposal.chosen.append(row)
            for code in _regions(row, room):
                used[code] += 1
    for row, var in zip(candidates, x):
        if var.value() is None or var.value() <= 0.5:
            full = [code for code in _regions(row, room) if used[code] >= room[code]]
            proposal.left_out.append((row, "kuota_penuh", full[0]) if full else (row, "anggaran_habis", None))
    return proposal


def propose(candidates: list[dict], slots: int, room: dict) -> Proposal:
    """The best proposal: exact greedy without quotas, the HiGHS integer programme with quotas.
    ``candidates`` are eligible, not yet selected households ranked best first."""
    if not room:
        return greedy(candidates, slots, room)
    return integer_programme(candidates, slots, room)
