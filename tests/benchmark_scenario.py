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

from ..const import ENGINEER_GROUP, INTERN_EMPLOYEE_TYPES, MANAGER_GROUP
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
# The operation writing the KPI sheets in SQL (``SHEET_FLOOR_WRITE_QUERY``).
SHEET_FLOOR = "SQL floor: the same KPI sheets and lines written, numbers at 0"
# The lines of the benchmark's KPI sheet template: (metric, target).
SHEET_METRICS = (
    ("points", 40),
    ("orders", 60),
    ("dissatisfied", 2),
    ("satisfaction_rate", 90),
    ("findings_work_log", 1),
    ("findings_order_form", 1),
    ("overdue_tasks", 1),
    ("task_on_time_rate", 90),
    ("task_completion_rate", 90),
    ("area_rate", 90),
)


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
    # The area scores of the month, as the nightly cron leaves them: the
    # generation reads them.
    env["helpdesk.service.area"].browse(area_ids)._refresh_daily_rates(MONTH, month_end)
    # Who generates through the wizard and edits orders in bulk: an
    # appraisal manager, who takes part in no order.
    manager = env["res.users"].create(
        {
            "name": "Bench manager",
            "login": "bench_manager",
            "tz": "UTC",
            "groups_id": [
                Command.set([env.ref("base.group_user").id, env.ref(MANAGER_GROUP).id])
            ],
        }
    )
    template = env["helpdesk.appraisal.sheet.template"].create(
        {
            "name": "Benchmark KPI sheet",
            "company_id": company.id,
            "employee_ids": [Command.set(engineer_ids)],
            "line_ids": [
                Command.create(
                    {
                        "sequence": index,
                        "name": f"Bench KPI {metric}",
                        "metric": metric,
                        "rule_kind": "proportional",
                        "weight": 100 / len(SHEET_METRICS),
                        "target": target,
                    }
                )
                for index, (metric, target) in enumerate(SHEET_METRICS)
            ],
        }
    )
    # The nightly refresh reaches back to the benchmark's month.
    today = company._appraisal_today()
    months_back = (today.year - MONTH.year) * 12 + today.month - MONTH.month
    company.appraisal_refresh_months = max(
        company.appraisal_refresh_months, months_back
    )
    env.flush_all()
    return {
        "company_id": company.id,
        "month": MONTH,
        "month_end": month_end,
        "engineer_ids": engineer_ids,
        "ticket_ids": ticket_ids,
        "area_ids": area_ids,
        "level_ids": levels.ids,
        "manager_id": manager.id,
        "template_id": template.id,
        "sizes": size,
    }


@contextmanager
def count_queries():
    """Count the SQL queries run by any cursor inside the block (a ``COPY``
    included), and among them the reads: the ORM's flush splits its INSERTs
    and UPDATEs in chunks of rows, so only the reads must not grow with the
    number of records."""
    counter = {"queries": 0, "reads": 0}
    execute = Cursor.execute

    def counting_execute(cursor, query, params=None, log_exceptions=True):
        counter["queries"] += 1
        text = str(getattr(query, "code", query)).lstrip().upper()
        if text.startswith(("SELECT", "WITH")):
            counter["reads"] += 1
        return execute(cursor, query, params, log_exceptions)

    def counting_copy(cursor, sql, file, *args, **kwargs):
        counter["queries"] += 1
        return cursor._obj.copy_expert(sql, file, *args, **kwargs)

    with (
        patch.object(Cursor, "execute", counting_execute),
        patch.object(Cursor, "copy_expert", counting_copy, create=True),
    ):
        yield counter


def _run_once(env, operation, prepare=None):
    """Time ``operation(env)`` with its flush and what a commit runs before
    committing (the chatter's tracking), then undo what it wrote.

    ``prepare(env)``, run first and neither timed nor counted, sets up what
    the operation finds (appraisals to refresh, orders changed meanwhile).
    Returns ``(wall seconds, CPU seconds of this process, counter)``.
    """
    with suppress(_Rollback), env.cr.savepoint():
        if prepare:
            prepare(env)
            # As committed: the chatter tracks no record created in the
            # transaction that changes it.
            env.flush_all()
            env.cr.precommit.run()
        with count_queries() as counter:
            start, cpu_start = time.perf_counter(), time.process_time()
            operation(env)
            env.flush_all()
            env.cr.precommit.run()
            seconds = time.perf_counter() - start
            cpu = time.process_time() - cpu_start
        raise _Rollback
    env.cr.precommit.clear()
    env.cr.postcommit.clear()
    env.invalidate_all()
    return seconds, cpu, counter


def as_manager(env, facts):
    """The env of the appraisal manager, with a user's context."""
    return env(user=facts["manager_id"], su=False, context={"tz": "UTC"})


def run_cron(env, cron):
    """What ``ir.cron`` runs: the cron's server action, as its user."""
    cron = cron.with_env(env(user=cron.user_id.id, su=False, context={}))
    cron.ir_actions_server_id.with_context(lastcall=cron.lastcall).run()


def _operations(env, facts):
    """``(name, prepare or None, operation)`` of every measured operation;
    ``prepare`` and ``operation`` take the superuser's quiet env, and the
    operations run as their users do (the cron's user, a manager) with
    their context."""
    company = env["res.company"].browse(facts["company_id"])
    month, month_end = facts["month"], facts["month_end"]
    tickets = env["helpdesk.ticket"].browse(facts["ticket_ids"])
    levels = facts["level_ids"]
    changed_count = min(CHANGED_TICKETS, len(tickets))
    cron_generate = env.ref(
        "helpdesk_engineer_appraisal.helpdesk_engineer_appraisal_cron_generate"
    )
    cron_refresh = env.ref(
        "helpdesk_engineer_appraisal.helpdesk_engineer_appraisal_cron_refresh"
    )
    Appraisal = type(env["helpdesk.engineer.appraisal"])

    def other_level(ticket):
        return next(level for level in levels if level != ticket.difficulty_id.id)

    def generate(env):
        env["helpdesk.engineer.appraisal"]._generate(month, company)

    def generate_cron(env):
        # The cron appraises last month: the benchmark's month.
        with patch.object(Appraisal, "_last_month", lambda self: month):
            run_cron(env, cron_generate)

    def generate_wizard(env):
        wizard = as_manager(env, facts)["helpdesk.engineer.appraisal.generate"].create(
            {"month": month, "company_id": company.id}
        )
        wizard.action_generate()

    def change_one(env):
        ticket = tickets[:1].with_env(env)
        ticket.write({"difficulty_id": other_level(ticket)})

    def change_many(env):
        changed = tickets[:changed_count].with_env(env)
        changed.write({"difficulty_id": other_level(changed[:1])})

    def change_many_manager(env):
        changed = tickets[:changed_count].with_env(as_manager(env, facts))
        changed.write({"difficulty_id": other_level(changed[:1])})

    def generate_and_change(env):
        generate(env)
        change_many(env)

    def refresh_nightly(env):
        run_cron(env, cron_refresh)

    def refresh_one(env):
        appraisal = as_manager(env, facts)["helpdesk.engineer.appraisal"].search(
            [("month", "=", month), ("company_id", "=", company.id)], limit=1
        )
        appraisal.action_refresh()

    def daily_rates(env):
        areas = env["helpdesk.service.area"].browse(facts["area_ids"])
        areas._refresh_daily_rates(month, month_end)

    def sql_floor(env):
        env.cr.execute(FLOOR_QUERY, {"month": month, "company": company.id})
        env.cr.fetchall()

    def sql_floor_write(env):
        env.cr.execute(FLOOR_WRITE_QUERY, _floor_parameters(env, company, month))

    report = env.ref(
        "helpdesk_engineer_appraisal.helpdesk_engineer_appraisal_team_xlsx_action"
    )

    def team_xlsx(env):
        appraisals = env["helpdesk.engineer.appraisal"]._generate(month, company)
        report.with_env(env)._render_xlsx(report.report_name, appraisals.ids, {})

    return [
        ("generate appraisals of the month", None, generate),
        ("credits after 1 ticket's difficulty changes", None, change_one),
        (f"credits after {changed_count} tickets change", None, change_many),
        ("daily completion rates of all areas", None, daily_rates),
        ("SQL floor: per-engineer sums", None, sql_floor),
        ("SQL floor: the same sums, written as the appraisals", None, sql_floor_write),
        ("generate as the cron", None, generate_cron),
        ("generate as a manager, through the wizard", None, generate_wizard),
        (
            f"nightly refresh after {changed_count} orders change",
            generate_and_change,
            refresh_nightly,
        ),
        (
            f"{changed_count} orders reviewed again by a manager (tracked)",
            None,
            change_many_manager,
        ),
        ("Refresh Scores on one appraisal, by a manager", generate, refresh_one),
        ("generate + team XLSX report", None, team_xlsx),
        *_sheet_operations(env, facts),
    ]


def _sheet_operations(env, facts):
    """The KPI sheets of the benchmark's template generated through the
    wizard, and their write floor."""
    month = facts["month"]
    template = env["helpdesk.appraisal.sheet.template"].browse(facts["template_id"])
    sheet_employees = template._applicable_employees().ids

    def sheet_floor_write(env):
        env.cr.execute(
            SHEET_FLOOR_WRITE_QUERY,
            {
                "template": template.id,
                "company": template.company_id.id,
                "month": month,
                "uid": env.uid,
                "employees": sheet_employees,
            },
        )

    def generate_sheets(env):
        wizard = as_manager(env, facts)["helpdesk.appraisal.sheet.generate"].create(
            {"template_id": template.id, "day": month}
        )
        wizard.action_generate()

    return [
        (
            f"KPI sheets of a {len(SHEET_METRICS)}-line template, "
            "as a manager through the wizard",
            None,
            generate_sheets,
        ),
        (SHEET_FLOOR, None, sheet_floor_write),
    ]


# The same sums as the appraisal's inputs, in one statement: the least any
# implementation must pay to read the facts of the month.
FLOOR_SUMS = """
    WITH points AS (
        SELECT employee_id,
               SUM(points) FILTER (WHERE is_valid) AS points,
               COUNT(*) FILTER (WHERE NOT is_valid) AS invalid
          FROM helpdesk_ticket_credit
         WHERE month = %(month)s AND company_id = %(company)s
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
    ), areas AS (
        SELECT area.leader_id AS employee_id, AVG(daily.rate) AS rate
          FROM helpdesk_service_area_daily daily
          JOIN helpdesk_service_area area ON area.id = daily.area_id
         WHERE daily.date >= %(month)s
           AND daily.date < %(month)s::date + INTERVAL '1 month'
         GROUP BY area.leader_id
    ), sums AS (
        SELECT employee.id AS employee_id,
               employee.department_id,
               employee.parent_id,
               employee.employee_type,
               employee.appraisal_appraised,
               points.employee_id IS NOT NULL AS credited,
               COALESCE(employee.appraisal_standard_points, 0) AS own_standard,
               COALESCE(points.points, 0) AS points,
               COALESCE(points.invalid, 0) AS invalid,
               COALESCE(dissatisfied.count, 0) AS dissatisfied,
               COALESCE(findings.work_logs, 0) AS work_logs,
               COALESCE(findings.order_forms, 0) AS order_forms,
               areas.rate AS area_rate
          FROM hr_employee employee
          LEFT JOIN points ON points.employee_id = employee.id
          LEFT JOIN dissatisfied ON dissatisfied.employee_id = employee.id
          LEFT JOIN findings ON findings.employee_id = employee.id
          LEFT JOIN areas ON areas.employee_id = employee.id
         WHERE employee.company_id = %(company)s
    )
"""
FLOOR_QUERY = FLOOR_SUMS + "SELECT * FROM sums"

# The floor of generation: the same reads, and the appraisals written with
# their scores, one INSERT of the same rows (the concerned engineers) and
# the same stored columns a generation fills.
FLOOR_WRITE_QUERY = (
    FLOOR_SUMS
    + """
    , scored AS (
        SELECT sums.*,
               CASE WHEN own_standard > 0 THEN own_standard
                    ELSE %(standard)s END AS standard,
               GREATEST(0, %(customer_max)s
                   - %(dissatisfied_deduction)s * dissatisfied) AS customer,
               GREATEST(0, %(work_log_max)s
                   - %(work_log_deduction)s * work_logs) AS work_log,
               GREATEST(0, %(order_form_max)s
                   - %(order_form_deduction)s * order_forms) AS order_form
          FROM sums
         WHERE (appraisal_appraised OR credited)
           AND COALESCE(employee_type, '') NOT IN %(intern_types)s
    ), efficient AS (
        SELECT scored.*,
               points / standard AS ratio,
               LEAST(points / standard, %(cap)s) AS efficiency
          FROM scored
    ), totals AS (
        SELECT efficient.*,
               %(workload_max)s * efficiency AS workload,
               %(workload_max)s * efficiency + customer + work_log + order_form
                   AS component_sum
          FROM efficient
    )
"""
)
# Each stored column a generation fills, and its value in the floor.
FLOOR_COLUMNS = (
    ("employee_id", "employee_id"),
    ("month", "%(month)s"),
    ("company_id", "%(company)s"),
    ("state", "'draft'"),
    ("department_id", "department_id"),
    ("supervisor_id", "parent_id"),
    ("earned_points", "points"),
    ("standard_points", "standard"),
    ("efficiency_ratio", "ratio"),
    ("efficiency_capped", "ratio > %(cap)s"),
    ("efficiency", "efficiency"),
    ("efficiency_cap", "%(cap)s"),
    ("workload_max", "%(workload_max)s"),
    ("workload_score", "workload"),
    ("customer_max", "%(customer_max)s"),
    ("dissatisfied_deduction", "%(dissatisfied_deduction)s"),
    ("dissatisfied_count", "dissatisfied"),
    ("customer_score", "customer"),
    ("work_log_max", "%(work_log_max)s"),
    ("work_log_deduction", "%(work_log_deduction)s"),
    ("work_log_finding_count", "work_logs"),
    ("work_log_score", "work_log"),
    ("order_form_max", "%(order_form_max)s"),
    ("order_form_deduction", "%(order_form_deduction)s"),
    ("order_form_finding_count", "order_forms"),
    ("order_form_score", "order_form"),
    ("invalid_credit_count", "invalid"),
    ("is_area_leader", "area_rate IS NOT NULL"),
    ("area_rate", "COALESCE(area_rate, 0)"),
    ("area_score", "0"),
    ("area_score_added", "FALSE"),
    ("grade_excellent", "%(excellent)s"),
    ("grade_good", "%(good)s"),
    ("grade_pass", "%(pass)s"),
    ("grade_below_standard", "%(below)s"),
    ("overdue_task_penalty", "%(penalty)s"),
    ("component_sum", "component_sum"),
    ("total_bounded", "component_sum NOT BETWEEN 0 AND 100"),
    ("total_score", "LEAST(100, GREATEST(0, component_sum))"),
    (
        "grade",
        """CASE WHEN component_sum >= %(excellent)s THEN 'excellent'
                WHEN component_sum >= %(good)s THEN 'good'
                WHEN component_sum >= %(pass)s THEN 'pass'
                WHEN component_sum >= %(below)s THEN 'below_standard'
                ELSE 'fail' END""",
    ),
    ("create_uid", "%(uid)s"),
    ("write_uid", "%(uid)s"),
    ("create_date", "NOW() AT TIME ZONE 'UTC'"),
    ("write_date", "NOW() AT TIME ZONE 'UTC'"),
)
# Like a generation, the floor creates the missing appraisals and rewrites
# the scores of those already there (not done ones, in a real database).
FLOOR_WRITE_QUERY += """
    INSERT INTO helpdesk_engineer_appraisal ({columns})
    SELECT {values} FROM totals
    ON CONFLICT (employee_id, month, company_id) DO UPDATE SET {updates}
""".format(
    columns=", ".join(column for column, _value in FLOOR_COLUMNS),
    values=", ".join(value for _column, value in FLOOR_COLUMNS),
    updates=", ".join(
        f"{column} = EXCLUDED.{column}"
        for column, _value in FLOOR_COLUMNS
        if column not in ("employee_id", "month", "company_id", "create_uid")
        and column not in ("create_date", "state")
    ),
)


# The KPI sheets of a template written in SQL, with the numbers left at 0:
# the least any implementation must pay to store a sheet per employee and a
# line per template line (their foreign keys and indexes checked as the
# module's own rows are).
SHEET_FLOOR_WRITE_QUERY = """
    WITH sheets AS (
        INSERT INTO helpdesk_appraisal_sheet
               (template_id, employee_id, company_id, month, period_type, state,
                department_id, supervisor_id, maximum, total_score,
                create_uid, create_date, write_uid, write_date)
        SELECT %(template)s, employee.id, %(company)s, %(month)s, 'month', 'draft',
               employee.department_id, employee.parent_id, 100, 0,
               %(uid)s, NOW() AT TIME ZONE 'UTC', %(uid)s, NOW() AT TIME ZONE 'UTC'
          FROM hr_employee employee
         WHERE employee.id = ANY(%(employees)s)
     RETURNING id
    )
    INSERT INTO helpdesk_appraisal_sheet_line
           (sheet_id, template_line_id, sequence, section, name, metric,
            rule_kind, scorer, weight, target, actual, numerator, denominator,
            has_data, points, formula_numbers, in_total, on_time_limit,
            create_uid, create_date, write_uid, write_date)
    SELECT sheets.id, line.id, line.sequence, line.section,
           line.name, line.metric, line.rule_kind, line.scorer,
           line.weight, line.target, 0, 0, 0, TRUE, 0,
           '{"kind": "proportional", "points": 0}', line.in_total,
           line.on_time_limit,
           %(uid)s, NOW() AT TIME ZONE 'UTC', %(uid)s, NOW() AT TIME ZONE 'UTC'
      FROM sheets
     CROSS JOIN helpdesk_appraisal_sheet_template_line line
     WHERE line.template_id = %(template)s
"""


def _floor_parameters(env, company, month):
    """The company's settings the write floor scores with."""
    excellent, good, pass_, below = company._appraisal_grade_thresholds()
    return {
        "month": month,
        "company": company.id,
        "uid": env.uid,
        "intern_types": INTERN_EMPLOYEE_TYPES,
        "standard": company.appraisal_standard_points,
        "cap": company.appraisal_efficiency_cap,
        "workload_max": company.appraisal_workload_max,
        "customer_max": company.appraisal_customer_max,
        "dissatisfied_deduction": company.appraisal_dissatisfied_deduction,
        "work_log_max": company.appraisal_work_log_max,
        "work_log_deduction": company.appraisal_work_log_deduction,
        "order_form_max": company.appraisal_order_form_max,
        "order_form_deduction": company.appraisal_order_form_deduction,
        "excellent": excellent,
        "good": good,
        "pass": pass_,
        "below": below,
        "penalty": company.appraisal_overdue_task_penalty,
    }


def measure(env, facts, repeat=3):
    """Run every operation ``repeat`` times on the same data, the operations
    interleaved (run 1 of each, then run 2 of each ...), so that a burst of
    load on a shared machine spreads over all of them.

    Returns a list of ``{"operation", "seconds" (median wall time), "cpu"
    (median CPU time of this process; PostgreSQL's is not in it), "runs"
    (every wall time), "queries", "reads"}``; the query counts are those of
    the last run (every run does the same work).
    """
    env = env(user=SUPERUSER_ID, su=True, context=dict(env.context, **QUIET_CONTEXT))
    operations = _operations(env, facts)
    runs = {name: [] for name, _prepare, _operation in operations}
    for _run in range(repeat):
        for name, prepare, operation in operations:
            runs[name].append(_run_once(env, operation, prepare))
    return [
        {
            "operation": name,
            "seconds": statistics.median(seconds for seconds, _cpu, _c in runs[name]),
            "cpu": statistics.median(cpu for _s, cpu, _c in runs[name]),
            "runs": [seconds for seconds, _cpu, _c in runs[name]],
            "queries": runs[name][-1][2]["queries"],
            "reads": runs[name][-1][2]["reads"],
        }
        for name, _prepare, _operation in operations
    ]


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


def floor_rows(env, facts):
    """Ids of the employees the write floor writes an appraisal for (run
    and rolled back): the same as a generation's."""
    env = env(user=SUPERUSER_ID, su=True, context=dict(env.context, **QUIET_CONTEXT))
    company = env["res.company"].browse(facts["company_id"])
    written = {}

    def floor(env):
        env.cr.execute(
            FLOOR_WRITE_QUERY + " RETURNING employee_id",
            _floor_parameters(env, company, facts["month"]),
        )
        written["engineers"] = {employee_id for (employee_id,) in env.cr.fetchall()}

    _run_once(env, floor)
    return written["engineers"]


def profile_generation(env, facts, limit=25):
    """cProfile of one generation through the wizard, as a manager (rolled
    back), sorted by cumulative time."""
    env = env(user=SUPERUSER_ID, su=True, context=dict(env.context, **QUIET_CONTEXT))
    company = env["res.company"].browse(facts["company_id"])
    profiler = cProfile.Profile()

    def generate(env):
        wizard = as_manager(env, facts)["helpdesk.engineer.appraisal.generate"].create(
            {"month": facts["month"], "company_id": company.id}
        )
        profiler.enable()
        wizard.action_generate()
        env.flush_all()
        env.cr.precommit.run()
        profiler.disable()

    _run_once(env, generate)
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(limit)
    return out.getvalue()
