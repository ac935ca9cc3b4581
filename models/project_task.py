# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from .. import scoring
from ..const import MANAGER_GROUP, SUPERVISOR_GROUP
from .helpdesk_appraisal_input_mixin import Bounds

DONE_STATE = "1_done"
CANCELED_STATE = "1_canceled"
# The kind of the appraised reports, e.g. the weekly customer feedback report
# (KPI_SPEC 002-C3): the fact source counts them apart.
TASK_KIND_REPORT = "report"
# What the assigner decides; the assignees only carry the task out.
# Cancelling ("state") or archiving ("active") takes a task out of the
# overdue count, so that is the assigner's decision too.
ASSIGNER_FIELDS = (
    "is_appraisal_task",
    "appraisal_task_kind",
    "date_deadline",
    "user_ids",
    "completion_date",
    "quality_score",
    "state",
    "active",
)
# Stored computes of the appraisal: the module writes them, nobody else.
COMPUTED_TASK_FIELDS = (
    "appraisal_deadline_day",
    "execution_status",
    "appraisal_points",
)


class ProjectTask(models.Model):
    """Assigned tasks (任务执行力) are project tasks flagged as appraised.

    Inspections, system upgrades and other work beyond service orders need
    what a project task already has: assignees, a deadline, stages and a done
    state, chatter, activities and timesheets. A separate model would copy all
    of it. The *Appraised Task* flag and the task kind select the tasks the
    appraisal counts; every other task behaves as in Project.

    The execution status depends on today (an open task becomes late when its
    deadline day has passed), yet it is stored: the appraisal lists, pivots
    and penalties filter and group on it, which a non-stored field cannot do
    in a report, and a search method could not compare deadline days in each
    assignee's time zone in SQL. An hourly cron refreshes the open tasks whose
    deadline has passed; the Period Summaries view reads the stored status,
    so its penalty follows the cron. Which task counts against whom is
    ``_assignments_sql``, read by the fact source ``_counts_by_employee_month``
    and by the summaries alike.
    """

    _name = "project.task"
    _inherit = ["project.task", "helpdesk.appraisal.input.mixin"]
    # The score is checked against the company's maximum below.
    _appraisal_bounds = {"quality_score": Bounds(None, 1000000)}
    # Deadlines lie ahead; the deadline of a task that is not appraised is
    # Project's business (see _appraisal_checks_field).
    _appraisal_date_years_ahead = {
        "date_deadline": scoring.YEARS_AHEAD_MAX,
        "appraisal_deadline_day": scoring.YEARS_AHEAD_MAX,
    }

    is_appraisal_task = fields.Boolean(
        string="Appraised Task",
        index=True,
        tracking=True,
        # A copy, or the next occurrence of a recurring task, is appraised
        # only when a supervisor flags it.
        copy=False,
        help="The task counts in the assignees' task execution (任务执行力): "
        "done on time it earns its quality score, late or not done it is "
        "overdue.",
    )
    appraisal_task_kind = fields.Selection(
        selection=[
            ("inspection", "Inspection"),
            ("system_upgrade", "System Upgrade"),
            # A report due by its deadline, e.g. the weekly customer
            # feedback report (KPI_SPEC 002-C3).
            (TASK_KIND_REPORT, "Report"),
            ("other", "Other"),
        ],
        string="Task Kind",
        tracking=True,
    )
    appraisal_deadline_day = fields.Date(
        string="Deadline Day",
        compute="_compute_appraisal_deadline_day",
        store=True,
        help="Calendar day of the deadline in the company's appraisal time "
        "zone. The whole day counts: a task completed on this day is on time, "
        "from the next day on it is overdue.",
    )
    completion_date = fields.Date(
        compute="_compute_completion_date",
        store=True,
        readonly=False,
        copy=False,
        tracking=True,
        help="Set to today, in the company's appraisal time zone, when an "
        "appraised task is marked done, and cleared when it is reopened. The "
        "assigner may correct it.",
    )
    quality_score = fields.Float(
        copy=False,
        tracking=True,
        aggregator="avg",
        help="Quality of the work, from 0 to the maximum set in the appraisal "
        "settings. Set by a supervisor; it counts only when the task is done "
        "on time.",
    )
    execution_status = fields.Selection(
        selection=[
            (scoring.TASK_OPEN, "Open"),
            (scoring.TASK_ON_TIME, "On Time"),
            (scoring.TASK_OVERDUE, "Overdue"),
            (scoring.TASK_OPEN_PAST_DEADLINE, "Open Past Deadline"),
        ],
        compute="_compute_execution_status",
        store=True,
        index=True,
        help="On Time: done on or before the deadline day (or without "
        "deadline). Overdue: done after the deadline day. Open Past Deadline: "
        "not done and the deadline day has passed; it counts as overdue. "
        "Open: not done and the deadline day has not passed. Cancelled tasks "
        "have no status and count for nothing.",
    )
    # Not points of any score: policy P4.2 counts only the overdue tasks (the
    # half-year penalty), so the on-time quality is shown, averaged, never summed.
    appraisal_points = fields.Float(
        string="On-time Quality",
        compute="_compute_appraisal_points",
        store=True,
        aggregator="avg",
        help="The quality score when the task was done on time, 0 otherwise. "
        "It is shown for information: no appraisal score adds it up; overdue "
        "tasks count in the half-year penalty.",
    )
    can_manage_appraisal = fields.Boolean(
        compute="_compute_can_manage_appraisal",
        help="The current user may assign and score this task: an appraisal "
        "supervisor of its assignees or an appraisal manager, who is not one "
        "of its assignees.",
    )

    # The company's appraisal time zone at the time: a later change of it,
    # or of anyone's time zone, moves no deadline day.
    @api.depends("date_deadline")
    def _compute_appraisal_deadline_day(self):
        for task in self:
            task.appraisal_deadline_day = (
                task._appraisal_company()._appraisal_local_day(task.date_deadline)
                if task.date_deadline
                else False
            )

    @api.depends("is_appraisal_task", "state")
    def _compute_completion_date(self):
        for task in self:
            if not task.is_appraisal_task or task.state != DONE_STATE:
                task.completion_date = False
            elif not task.completion_date:
                task.completion_date = task._appraisal_today()

    @api.depends(
        "is_appraisal_task", "state", "appraisal_deadline_day", "completion_date"
    )
    def _compute_execution_status(self):
        for task in self:
            if not task.is_appraisal_task or task.state == CANCELED_STATE:
                task.execution_status = False
                continue
            completion_day = task.state == DONE_STATE and task.completion_date
            task.execution_status = scoring.task_execution_status(
                task.appraisal_deadline_day or None,
                completion_day or None,
                task._appraisal_today(),
            )

    @api.depends("execution_status", "quality_score")
    def _compute_appraisal_points(self):
        for task in self:
            task.appraisal_points = scoring.task_points(
                task.execution_status, task.quality_score
            )

    @api.depends_context("uid")
    @api.depends("user_ids")
    def _compute_can_manage_appraisal(self):
        user = self.env.user
        is_supervisor = user.has_group(SUPERVISOR_GROUP)
        is_manager = user.has_group(MANAGER_GROUP)
        team_users = (
            self._appraisal_team_users()
            if is_supervisor and not is_manager
            else user.browse()
        )
        for task in self:
            # In a form being edited, the assignees are new records: compare
            # the users they stand for.
            assignees = task.user_ids._origin
            task.can_manage_appraisal = user not in assignees and (
                is_manager or (is_supervisor and not assignees - team_users)
            )

    @api.constrains("quality_score", "company_id")
    def _check_quality_score(self):
        for task in self:
            company = task.company_id or self.env.company
            maximum = company.appraisal_task_quality_max
            if not 0 <= task.quality_score <= maximum:
                # Formatted apart: translation extraction cannot read f-strings.
                maximum_text = f"{maximum:g}"
                raise ValidationError(
                    self.env._(
                        "The quality score of task %(task)s must be between 0 "
                        "and %(maximum)s.",
                        task=task.display_name,
                        maximum=maximum_text,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        # The defaults a client sends in the context are values too.
        for vals in self._with_context_defaults(vals_list):
            self._check_computed_fields_not_written(vals)
        tasks = super().create(vals_list)
        # The flag may come from a default: creating an appraised task is
        # always an assigner's decision.
        fnames = {"is_appraisal_task"}.union(*vals_list)
        appraised = tasks.filtered("is_appraisal_task")
        appraised._check_appraisal_rights(fnames)
        appraised._check_appraisal_lock({})
        return tasks

    def write(self, vals):
        self._check_computed_fields_not_written(vals)
        appraised_before = self.filtered("is_appraisal_task")
        # Whose tasks they are before the write: removing oneself from the
        # assignees is re-planning one's own task too.
        assignees_before = {task: task.user_ids for task in appraised_before}
        facts_before = appraised_before._appraisal_lock_facts()
        res = super().write(vals)
        # Checked on the written state too, so that flagging a task is checked;
        # a refusal rolls the whole write back.
        appraised = appraised_before | self.filtered("is_appraisal_task")
        fnames = set(vals)
        if vals.get("state") != CANCELED_STATE:
            # Moving through the other states (done included) is the work itself.
            fnames.discard("state")
        appraised._check_appraisal_rights(fnames, assignees_before)
        appraised._check_appraisal_lock(facts_before)
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_own_or_locked(self):
        """Nobody deletes an appraised task assigned to themselves, nor one
        of a locked period. (A task that counts is refused deletion for
        everyone by ``_unlink_except_counted_appraisal_task``.)"""
        if self.env.su:
            return
        appraised = self.filtered("is_appraisal_task")
        own = appraised.filtered(lambda task: self.env.user in task.user_ids)
        if own:
            raise UserError(
                self.env._(
                    "Task %(task)s is assigned to you: you cannot delete it.",
                    task=own[0].display_name,
                )
            )
        appraised._check_appraisal_lock({})

    def _check_computed_fields_not_written(self, vals):
        computed = [fname for fname in COMPUTED_TASK_FIELDS if fname in vals]
        if computed and not self.env.su:
            raise AccessError(
                self.env._(
                    "%(fields)s of a task are computed from its deadline, "
                    "completion date, state and quality score: they cannot be "
                    "written.",
                    fields=", ".join(
                        self._fields[fname]._description_string(self.env)
                        for fname in computed
                    ),
                )
            )

    def _appraisal_lock_facts(self):
        """What the lock protects of each appraised task: ``(days, counts)``
        by task, its days (deadline and completion) and what it counts
        (whether it counts, status, points, assignees, company)."""
        companies = self.company_id | self.env.company
        if self.env.su or not self or not companies._appraisal_lock_active():
            return {}
        return {
            task: (
                (task.appraisal_deadline_day, task.completion_date),
                (
                    task.is_appraisal_task and task.active,
                    # Open past its deadline or done late: overdue either way,
                    # so the assignee may still finish a late task.
                    "overdue"
                    if task.execution_status in scoring.TASK_OVERDUE_STATUSES
                    else task.execution_status,
                    task.appraisal_points,
                    frozenset(task.user_ids.ids),
                    task.company_id,
                ),
            )
            for task in self
        }

    def _check_appraisal_lock(self, facts_before):
        """A task dated in a locked period (deadline or completion day,
        before or after the change) keeps what it counts. Without
        ``facts_before`` (creation, deletion) any such task is refused."""
        facts_after = self._appraisal_lock_facts()
        if not facts_after and not facts_before:
            return
        days = []
        for task in self | self.browse([task.id for task in facts_before]):
            before, after = facts_before.get(task), facts_after.get(task)
            if facts_before and before and after and before[1] == after[1]:
                continue
            company = task.company_id or self.env.company
            for facts in (before, after):
                if facts:
                    days += [(task, company, day) for day in facts[0]]
        self.env["res.company"]._check_appraisal_lock(
            days, self.env._("Appraised task")
        )

    def _check_appraisal_rights(self, fnames, assignees_before=None):
        """Supervisors assign and score the appraised tasks of their team;
        assignees carry them out (stages, done state, timesheets) but judge
        nobody, least of all themselves. Nobody, managers included, changes
        what the assigner decides on a task assigned to them (or that was,
        before this change)."""
        changed = [fname for fname in ASSIGNER_FIELDS if fname in fnames]
        if not self or not changed or self.env.su:
            return
        user = self.env.user
        field_names = ", ".join(
            self._fields[fname]._description_string(self.env) for fname in changed
        )
        if "quality_score" in changed and not user.has_group(SUPERVISOR_GROUP):
            raise AccessError(
                self.env._(
                    "Only appraisal supervisors can set the quality score of "
                    "task %(task)s.",
                    task=self[0].display_name,
                )
            )
        if not user.has_group(SUPERVISOR_GROUP):
            raise AccessError(
                self.env._(
                    "Only appraisal supervisors can change %(fields)s of "
                    "appraised task %(task)s.",
                    fields=field_names,
                    task=self[0].display_name,
                )
            )
        assignees_before = assignees_before or {}

        def assignees(task):
            return task.user_ids | assignees_before.get(task, task.user_ids)

        own_tasks = self.filtered(lambda task: user in assignees(task))
        if own_tasks:
            raise AccessError(
                self.env._(
                    "Task %(task)s is assigned to you: only another supervisor "
                    "can change %(fields)s.",
                    task=own_tasks[0].display_name,
                    fields=field_names,
                )
            )
        if not user.has_group(MANAGER_GROUP):
            self._check_assignees_in_team(field_names, assignees)

    def _check_assignees_in_team(self, field_names, assignees):
        """A supervisor plans and scores the tasks of the employees below
        them in the manager chain only."""
        team_users = self._appraisal_team_users()
        outside = self.filtered(lambda task: assignees(task) - team_users)
        if outside:
            raise AccessError(
                self.env._(
                    "Task %(task)s is assigned to %(users)s, outside your team: "
                    "only their supervisors or an appraisal manager can change "
                    "%(fields)s.",
                    task=outside[0].display_name,
                    users=", ".join(
                        (assignees(outside[0]) - team_users).mapped("name")
                    ),
                    fields=field_names,
                )
            )

    def _appraisal_team_users(self):
        """The users of the employees below the current user in the manager
        chain (the user's own included)."""
        # sudo: supervisors may not read every employee; only the chain is
        # compared.
        return (
            self.env["hr.employee"]
            .sudo()
            .search([("id", "child_of", self.env.user.employee_ids.ids)])
            .user_id
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_counted_appraisal_task(self):
        """A task done or past its deadline counts (points or the half-year
        penalty): it is cancelled or archived, never deleted."""
        counted = self.filtered(
            lambda task: task.is_appraisal_task
            and task.execution_status
            and task.execution_status != scoring.TASK_OPEN
        )
        if counted:
            raise UserError(
                self.env._(
                    "Task %(task)s counts in the appraisal (done or past its "
                    "deadline): archive or cancel it instead of deleting it.",
                    task=counted[0].display_name,
                )
            )

    def _appraisal_checks_field(self, name, vals):
        if name != "date_deadline":
            return True
        return vals.get(
            "is_appraisal_task",
            self.env.context.get("default_is_appraisal_task")
            or any(self.mapped("is_appraisal_task")),
        )

    def _appraisal_company(self):
        self.ensure_one()
        return self.company_id or self.env.company

    def _appraisal_today(self):
        return self._appraisal_company()._appraisal_today()

    @api.model
    def _refresh_execution_status(self):
        """Recompute the status of the open appraised tasks whose deadline
        has passed: they turn *Open Past Deadline* once their deadline day is
        over in the assignee's time zone. A deadline moment in the past is
        necessary for that, so the search finds a small superset."""
        tasks = self.search(
            [
                ("is_appraisal_task", "=", True),
                ("execution_status", "=", scoring.TASK_OPEN),
                ("date_deadline", "<", fields.Datetime.now()),
            ]
        )
        self.env.add_to_compute(self._fields["execution_status"], tasks)
        tasks.flush_recordset(["execution_status", "appraisal_points"])

    # Fact source (the shape of every fact family) -------------------------

    @api.model
    def _assignments_sql(self):
        """SQL of the appraised tasks counting against each assignee, one row
        ``(task_id, employee_id, deadline_day, execution_status, task_kind)``
        per task and assignee: active tasks with a deadline day, counted through the
        assignee's active employee in the task's company (in the user's own
        company for tasks without company). The half-year summaries take
        their overdue tasks from it too. Reads the stored status, which the
        hourly cron (``_refresh_execution_status``) keeps current."""
        sql = SQL(
            """
            SELECT task.id AS task_id,
                   employee.id AS employee_id,
                   task.appraisal_deadline_day AS deadline_day,
                   task.execution_status,
                   task.appraisal_task_kind AS task_kind
              FROM project_task task
              JOIN project_task_user_rel assignee ON assignee.task_id = task.id
              JOIN res_users users ON users.id = assignee.user_id
              JOIN hr_employee employee
                ON employee.user_id = assignee.user_id
               AND employee.company_id = COALESCE(task.company_id, users.company_id)
               AND employee.active
             WHERE task.active
               AND task.is_appraisal_task
               AND task.appraisal_deadline_day IS NOT NULL
               -- A cancelled task has no status: it counts for nobody.
               AND task.execution_status IS NOT NULL
            """
        )
        # The fields the query reads: the ORM writes them before it runs.
        return SQL().join(
            [
                sql,
                *(
                    SQL(to_flush=self.env[model]._fields[name])
                    for model, names in (
                        (
                            "project.task",
                            (
                                "active",
                                "is_appraisal_task",
                                "appraisal_task_kind",
                                "appraisal_deadline_day",
                                "execution_status",
                                "company_id",
                                "user_ids",
                            ),
                        ),
                        ("res.users", ("company_id",)),
                        ("hr.employee", ("user_id", "company_id", "active")),
                    )
                    for name in names
                ),
            ]
        )

    @api.model
    def _counts_by_employee_month(self, employees, months):
        """``{(employee id, month): {measure: number}}`` of the appraised
        tasks of ``employees`` by the month of their deadline day, in
        ``months``; pairs without tasks are absent.

        Measures: ``due`` (tasks with a deadline day in the month), ``done``
        (completed), ``on_time`` (completed by the deadline day), ``overdue``
        (done late or open past the deadline: the half-year penalty counts
        these); ``report_due``, ``report_on_time`` and ``report_overdue`` the
        same of the tasks of kind *report* only (002-C3). Read-only: the
        stored status, as the summaries read it. One
        query whatever the number of employees, months and tasks, on every
        task whoever asks (the penalty counts them all).
        """
        rows = self.env.execute_query(
            SQL(
                """
                SELECT employee_id, month, execution_status,
                       task_kind = %s, COUNT(*)
                  FROM (%s) assignment
                 GROUP BY 1, 2, 3, 4
                """,
                TASK_KIND_REPORT,
                self._employee_month_sql(employees, months),
            )
        )
        counts = {}
        for employee_id, month, status, is_report, count in rows:
            measures = counts.setdefault(
                (employee_id, month),
                dict.fromkeys(
                    (
                        "due",
                        "done",
                        "on_time",
                        "overdue",
                        "report_due",
                        "report_on_time",
                        "report_overdue",
                    ),
                    0,
                ),
            )
            measures["due"] += count
            if status in (scoring.TASK_ON_TIME, scoring.TASK_OVERDUE):
                measures["done"] += count
            if status == scoring.TASK_ON_TIME:
                measures["on_time"] += count
            if status in scoring.TASK_OVERDUE_STATUSES:
                measures["overdue"] += count
            if is_report:
                measures["report_due"] += count
                if status == scoring.TASK_ON_TIME:
                    measures["report_on_time"] += count
                if status in scoring.TASK_OVERDUE_STATUSES:
                    measures["report_overdue"] += count
        return counts

    @api.model
    def _facts_by_employee_month(self, employees, months):
        """``{(employee id, month): tasks}`` of ``employees`` by the month of
        their deadline day, in ``months``, whatever their status
        (``execution_status`` tells); pairs without tasks are absent. One
        query for the pairs, as superuser (the penalty counts every task)."""
        rows = self.env.execute_query(
            SQL(
                "SELECT employee_id, month, task_id FROM (%s) assignment"
                " ORDER BY deadline_day, task_id",
                self._employee_month_sql(employees, months),
            )
        )
        tasks = self.sudo().browse(
            list(dict.fromkeys(task_id for *_pair, task_id in rows))
        )
        ids_by_pair = {}
        for employee_id, month, task_id in rows:
            ids_by_pair.setdefault((employee_id, month), []).append(task_id)
        # One prefetch set for all the pairs.
        return {
            pair: tasks.browse(ids).with_prefetch(tasks._prefetch_ids)
            for pair, ids in ids_by_pair.items()
        }

    @api.model
    def _employee_month_sql(self, employees, months):
        """SQL: the assignments of ``employees`` whose deadline day lies in
        ``months``, with the ``month`` of the deadline day."""
        return SQL(
            """
            SELECT assignment.*,
                   date_trunc('month', assignment.deadline_day)::date AS month
              FROM (%(assignments)s) assignment
             WHERE assignment.employee_id IN %(employees)s
               AND date_trunc('month', assignment.deadline_day)::date IN %(months)s
            """,
            assignments=self._assignments_sql(),
            employees=tuple(employees.ids) or (None,),
            months=tuple(set(months)) or (None,),
        )
