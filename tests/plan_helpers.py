"""Helpers of the tests that check how much work a query does (not how long it takes): the plans
of a query file's statements as PostgreSQL executed them, and the rows their joins compared."""
import json

from spatial.sqlfiles import Connection, statements

EXPLAINABLE = ("SELECT", "WITH", "INSERT", "UPDATE", "DELETE", "CREATE UNLOGGED TABLE", "CREATE TABLE",
               "CREATE TEMP TABLE")


def _code(statement: str) -> str:
    return "\n".join(line for line in statement.splitlines() if not line.strip().startswith("--")).strip()


def executed_plans(conn: Connection, name: str, params: dict | None = None) -> list[dict]:
    """Run the statements of query ``name`` in order, each one that can be explained under
    ``EXPLAIN (ANALYZE, FORMAT JSON)`` (so it still does its work); returns their root plan nodes."""
    plans = []
    for statement in statements(name):
        code = _code(statement)
        bound = params if "%(" in code else None
        if code.upper().startswith(EXPLAINABLE):
            answer = conn.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + code, bound).fetchone()[0]
            plans.append((answer if isinstance(answer, list) else json.loads(answer))[0]["Plan"])
        else:
            conn.execute(code, bound)
    return plans


def _nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def join_comparisons(plan: dict) -> int:
    """Rows the plan's nested loops looked at: for each, the rows its inner side returned over all
    loops plus the rows its join filter threw away. Linear plans keep this near the input size; a
    nested loop over two unindexed inputs makes it the product of their sizes."""
    total = 0
    for node in _nodes(plan):
        if node["Node Type"] == "Nested Loop":
            inner = node["Plans"][1]
            total += inner["Actual Rows"] * inner["Actual Loops"] + node.get("Rows Removed by Join Filter", 0)
    return total
