# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A synthetic month of a service department, and timings of the appraisal
pipeline on it.

Used by ``tools/benchmark`` (through ``odoo shell``, on a database of its
own) and by ``test_benchmark`` (at a tiny size, so that it cannot rot).
Every function takes an environment and sizes; nothing here is loaded as
Odoo data.
"""

import cProfile
import io
import pstats
import random
import statistics
import time
from contextlib import contextmanager, suppress
from datetime import date, datetime, timedelta
from unittest.mock import patch

from odoo import SUPERUSER_ID, Command
from odoo.sql_db import Cursor

from ..const import ENGINEER_GROUP
from ..scoring import CALLBACK_DISSATISFIED, ROLE_ENGINEER, ROLE_INTERN

# A closed month before today, so that its callbacks are not in the future.
MONTH = date(2026, 10, 1)
MONTH_DAYS = 31
# Creating records must not cost what users never do in bulk: chatter
# messages and tracking values.
QUIET_CONTEXT = {
    "tracking_disable": True,
    "mail_notrack": True,
    "mail_create_nolog": True,
    "no_reset_password": True,
}
# Rows created per ``create`` call: large enough to batch, small enough to
# keep the ORM cache (and memory) bounded at 1,000 engineers.
CHUNK = 2000
AVERAGE_PARTICIPANTS = 2
SECOND_WORK_LOG_RATE = 0.3
DISSATISFIED_RATE = 0.1
CHANGED_TICKETS = 1000


class _Rollback(Exception):
    """Raised to leave a savepoint and undo what a measured run wrote."""


def sizes(engineers, tickets_per_engineer=60):
    """Row counts of the scenario; everything scales with ``engineers``.

    Each engineer takes part in about ``tickets_per_engineer`` orders of the
    month: an order has 2 participants on average.
    """
    tickets = max(1, engineers * tickets_per_engineer // AVERAGE_PARTICIPANTS)
    return {
        "engineers": engineers,
        "interns": max(1, engineers // 20),
        "areas": max(1, engineers // 20),
        "tickets": tickets,
        "callbacks": tickets // 3,
        "findings": 3 * engineers,
        "tasks": 2 * engineers,
    }


def _chunks(values, size=CHUNK):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _create(env, model, vals_list):
    """Bulk create in chunks; returns the ids."""
    ids = []
    for chunk in _chunks(vals_list):
        records = env[model].create(chunk)
        ids.extend(records.ids)
        env.flush_all()
        env.invalidate_all()
    return ids


def build(env, engineers, tickets_per_engineer=60, seed=42):
    """Create the synthetic month; returns a dict of what the measures need.

    As superuser, without tracking: the figures measure the appraisal, not
    the chatter of a data import.
    """
    env = env(user=SUPERUSER_ID, su=True, context=dict(env.context, **QUIET_CONTEXT))
    rng = random.Random(seed)
    size = sizes(engineers, tickets_per_engineer)
    company = env.company
    month_end = MONTH + timedelta(days=MONTH_DAYS - 1)
    project = env["project.project"].create(
        {"name": "Benchmark service", "allow_timesheets": True}
    )
    team = env["helpdesk.ticket.team"].create(
        {
            "name": "Benchmark field service",
            "allow_timesheet": True,
            "default_project_id": project.id,
        }
    )
    engineer_group = env.ref(ENGINEER_GROUP)
    user_ids = _create(
        env,
        "res.users",
        [
            {
                "name": f"Bench engineer {index}",
                "login": f"bench_engineer_{index}",
                "tz": "UTC",
                "groups_id": [
                    Command.set([env.ref("base.group_user").id, engineer_group.id])
                ],
            }
            for index in range(size["engineers"])
        ],
    )
    engineer_ids = _create(
        env,
        "hr.employee",
        [
            {
                "name": f"Bench engineer {index}",
                "user_id": user_id,
                "tz": "UTC",
                "company_id": company.id,
            }
            for index, user_id in enumerate(user_ids)
        ],
    )
    intern_ids = _create(
        env,
        "hr.employee",
        [
            {
                "name": f"Bench intern {index}",
                "employee_type": "trainee",
                "company_id": company.id,
            }
            for index in range(size["interns"])
        ],
    )
    # Members are split evenly between the areas; the first is the leader.
    members_by_area = [engineer_ids[i :: size["areas"]] for i in range(size["areas"])]
    area_ids = _create(
        env,
        "helpdesk.service.area",
        [
            {
                "name": f"Bench area {index}",
                "company_id": company.id,
                "leader_id": members[0],
                "member_ids": [Command.set(members)],
                "device_count": 10 * len(members),
            }
            for index, members in enumerate(members_by_area)
            if members
        ],
    )
    area_of_engineer = {
        engineer_id: area_ids[index]
        for index, members in enumerate(members_by_area)
        for engineer_id in members
    }
    levels = env["helpdesk.difficulty.level"].search(
        [("company_id", "in", [company.id, False])]
    )
    stage_done = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
    ticket_vals = []
    work_loggers = []
    for index in range(size["tickets"]):
        count = rng.choice((1, 2, 3))
        people = rng.sample(engineer_ids, min(count, len(engineer_ids)))
        participants = [
            Command.create({"employee_id": employee_id, "role": ROLE_ENGINEER})
            for employee_id in people
        ]
        if rng.random() < 0.1:
            participants.append(
                Command.create(
                    {"employee_id": rng.choice(intern_ids), "role": ROLE_INTERN}
                )
            )
        day = MONTH + timedelta(days=rng.randrange(MONTH_DAYS))
        ticket_vals.append(
            {
                "name": f"Bench order {index}",
                "description": "Synthetic order",
                "team_id": team.id,
                "project_id": project.id,
                "participant_ids": participants,
                "difficulty_id": rng.choice(levels).id,
                "stage_id": stage_done.id,
                "closed_date": datetime.combine(day, datetime.min.time())
                + timedelta(hours=rng.randrange(8, 18)),
                "service_area_id": area_of_engineer[people[0]],
                "planned_date": day,
            }
        )
        loggers = people[:1]
        if len(people) > 1 and rng.random() < SECOND_WORK_LOG_RATE:
            loggers = people[:2]
        work_loggers.append((day, loggers))
    ticket_ids = _create(env, "helpdesk.ticket", ticket_vals)
    line_vals = [
        {
            "name": "On-site repair",
            "ticket_id": ticket_id,
            "project_id": project.id,
            "employee_id": employee_id,
            "unit_amount": 1.5,
            "date": day,
        }
        for ticket_id, (day, loggers) in zip(ticket_ids, work_loggers, strict=True)
        for employee_id in loggers
    ]
    line_ids = _create(env, "account.analytic.line", line_vals)
    callback_vals = []
    for ticket_id, (day, _loggers) in rng.sample(
        list(zip(ticket_ids, work_loggers, strict=True)), size["callbacks"]
    ):
        dissatisfied = rng.random() < DISSATISFIED_RATE
        callback_vals.append(
            {
                "ticket_id": ticket_id,
                "company_id": company.id,
                "call_date": datetime.combine(day, datetime.min.time())
                + timedelta(hours=20),
                "result": CALLBACK_DISSATISFIED if dissatisfied else "satisfied",
                "work_confirmed": not dissatisfied,
            }
        )
    _create(env, "helpdesk.ticket.callback", callback_vals)
    # Findings judge work logs: three per engineer where they have that many.
    lines_by_employee = {}
    for line_id, vals in zip(line_ids, line_vals, strict=True):
        lines_by_employee.setdefault(vals["employee_id"], []).append(line_id)
    _create(
        env,
        "helpdesk.quality.finding",
        [
            {
                "kind": "work_log",
                "timesheet_id": line_id,
                "reason": "Work log too vague",
                "date": MONTH + timedelta(days=rng.randrange(MONTH_DAYS)),
                "company_id": company.id,
            }
            for employee_id in engineer_ids
            for line_id in lines_by_employee.get(employee_id, [])[:3]
        ],
    )
    _create(
        env,
        "project.task",
        [
            {
                "name": f"Bench inspection {index}",
                "project_id": project.id,
                "is_appraisal_task": True,
                "appraisal_task_kind": "inspection",
                "date_deadline": datetime.combine(
                    MONTH + timedelta(days=rng.randrange(MONTH_DAYS)),
                    datetime.min.time(),
                )
                + timedelta(hours=17),
                "user_ids": [Command.set([user_ids[index % len(user_ids)]])],
            }
            for index in range(size["tasks"])
        ],
    )
    return {
        "company_id": company.id,
        "month": MONTH,
        "month_end": month_end,
        "engineer_ids": engineer_ids,
        "ticket_ids": ticket_ids,
        "area_ids": area_ids,
        "level_ids": levels.ids,
        "sizes": size,
    }


@contextmanager
def count_queries():
    """Count the SQL queries run by any cursor inside the block, and among
    them the reads: the ORM's flush splits its INSERTs and UPDATEs in chunks
    of rows, so only the reads must not grow with the number of records."""
    counter = {"queries": 0, "reads": 0}
    execute = Cursor.execute

    def counting_execute(cursor, query, params=None, log_exceptions=True):
        counter["queries"] += 1
        text = str(getattr(query, "code", query)).lstrip().upper()
        if text.startswith(("SELECT", "WITH")):
            counter["reads"] += 1
        return execute(cursor, query, params, log_exceptions)

    with patch.object(Cursor, "execute", counting_execute):
        yield counter


def _run_once(env, operation):
    """Time ``operation(env)`` with its flush, then undo what it wrote."""
    with suppress(_Rollback), env.cr.savepoint():
        with count_queries() as counter:
            start = time.perf_counter()
            operation(env)
            env.flush_all()
            seconds = time.perf_counter() - start
        raise _Rollback
    env.invalidate_all()
    return seconds, counter


def _operations(env, facts):
    """``(name, function of env)`` of every measured operation."""
    company = env["res.company"].browse(facts["company_id"])
    month, month_end = facts["month"], facts["month_end"]
    tickets = env["helpdesk.ticket"].browse(facts["ticket_ids"])
    levels = facts["level_ids"]

    def other_level(ticket):
        return next(level for level in levels if level != ticket.difficulty_id.id)

    def generate(env):
        env["helpdesk.engineer.appraisal"]._generate(month, company)

    def change_one(env):
        ticket = tickets[:1].with_env(env)
        ticket.write({"difficulty_id": other_level(ticket)})

    def change_many(env):
        changed = tickets[:CHANGED_TICKETS].with_env(env)
        changed.write({"difficulty_id": other_level(changed[:1])})

    def daily_rates(env):
        areas = env["helpdesk.service.area"].browse(facts["area_ids"])
        areas._refresh_daily_rates(month, month_end)

    def sql_floor(env):
        env.cr.execute(FLOOR_QUERY, {"month": month, "company": company.id})
        env.cr.fetchall()

    report = env.ref(
        "helpdesk_engineer_appraisal.helpdesk_engineer_appraisal_team_xlsx_action"
    )

    def team_xlsx(env):
        appraisals = env["helpdesk.engineer.appraisal"]._generate(month, company)
        report.with_env(env)._render_xlsx(report.report_name, appraisals.ids, {})

    operations = [
        ("generate appraisals of the month", generate),
        ("credits after 1 ticket's difficulty changes", change_one),
        (
            f"credits after {min(CHANGED_TICKETS, len(tickets))} tickets change",
            change_many,
        ),
        ("daily completion rates of all areas", daily_rates),
        ("SQL floor: per-engineer sums", sql_floor),
        ("generate + team XLSX report", team_xlsx),
    ]
    return operations


# The same sums as the appraisal's inputs, in one statement: the least any
# implementation must pay to read the facts of the month.
FLOOR_QUERY = """
    WITH points AS (
        SELECT employee_id, SUM(points) AS points
          FROM helpdesk_ticket_credit
         WHERE month = %(month)s AND company_id = %(company)s AND is_valid
         GROUP BY employee_id
    ), dissatisfied AS (
        SELECT participant.employee_id, COUNT(*) AS count
          FROM helpdesk_ticket_callback callback
          JOIN helpdesk_ticket_participant participant
            ON participant.ticket_id = callback.ticket_id
           AND participant.role = 'engineer'
         WHERE callback.result = 'dissatisfied' AND callback.month = %(month)s
         GROUP BY participant.employee_id
    ), findings AS (
        SELECT employee_id,
               COUNT(*) FILTER (WHERE kind = 'work_log') AS work_logs,
               COUNT(*) FILTER (WHERE kind = 'order_form') AS order_forms
          FROM helpdesk_quality_finding
         WHERE state = 'active' AND month = %(month)s
         GROUP BY employee_id
    )
    SELECT employee.id,
           COALESCE(points.points, 0),
           COALESCE(dissatisfied.count, 0),
           COALESCE(findings.work_logs, 0),
           COALESCE(findings.order_forms, 0)
      FROM hr_employee employee
      LEFT JOIN points ON points.employee_id = employee.id
      LEFT JOIN dissatisfied ON dissatisfied.employee_id = employee.id
      LEFT JOIN findings ON findings.employee_id = employee.id
     WHERE employee.company_id = %(company)s
"""


def measure(env, facts, repeat=3):
    """Run every operation ``repeat`` times on the same data.

    Returns a list of ``{"operation", "seconds" (median), "queries",
    "reads"}``; the query counts are those of the last run (every run does
    the same work).
    """
    env = env(user=SUPERUSER_ID, su=True, context=dict(env.context, **QUIET_CONTEXT))
    results = []
    for name, operation in _operations(env, facts):
        runs = [_run_once(env, operation) for _run in range(repeat)]
        results.append(
            {
                "operation": name,
                "seconds": statistics.median(seconds for seconds, _c in runs),
                "queries": runs[-1][1]["queries"],
                "reads": runs[-1][1]["reads"],
            }
        )
    return results


def appraised_employees(env, facts):
    """Ids of the employees one generation appraises (run and rolled back)."""
    env = env(user=SUPERUSER_ID, su=True, context=dict(env.context, **QUIET_CONTEXT))
    company = env["res.company"].browse(facts["company_id"])
    counted = {}

    def generate(env):
        appraisals = env["helpdesk.engineer.appraisal"]._generate(
            facts["month"], company
        )
        counted["engineers"] = set(appraisals.employee_id.ids)

    _run_once(env, generate)
    return counted["engineers"]


def profile_generation(env, facts, limit=25):
    """cProfile of one generation (rolled back), sorted by cumulative time."""
    env = env(user=SUPERUSER_ID, su=True, context=dict(env.context, **QUIET_CONTEXT))
    company = env["res.company"].browse(facts["company_id"])
    profiler = cProfile.Profile()

    def generate(env):
        profiler.enable()
        env["helpdesk.engineer.appraisal"]._generate(facts["month"], company)
        env.flush_all()
        profiler.disable()

    _run_once(env, generate)
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(limit)
    return out.getvalue()
