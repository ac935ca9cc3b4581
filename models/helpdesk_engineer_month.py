# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL

from .. import scoring
from ..const import GRADE_SELECTION

# The appraisal's numbers shown month to date, under the appraisal's names.
_APPRAISAL_FIELDS = (
    "earned_points",
    "standard_points",
    "efficiency",
    "workload_max",
    "workload_score",
    "dissatisfied_count",
    "customer_score",
    "work_log_finding_count",
    "work_log_score",
    "order_form_finding_count",
    "order_form_score",
    "invalid_credit_count",
    "is_area_leader",
    "area_score",
    "total_score",
    "grade",
    "workload_explanation",
    "customer_explanation",
    "work_log_explanation",
    "order_form_explanation",
    "total_explanation",
)


class HelpdeskEngineerMonth(models.Model):
    """An engineer's current month so far: *My Month* and the *Team* board.

    One row per employee marked *Appraised* (a read-only SQL view on the
    employees).
    Every number is computed when read, for all the rows read at once, by
    the monthly appraisal's own ``_refresh_scores`` on appraisals held in
    memory (``new()``, never saved): the same fact sources and rules as the
    appraisal the engineer will get, with a query count that does not depend
    on the number of engineers.
    """

    _name = "helpdesk.engineer.month"
    _description = "Engineer's Month to Date"
    _auto = False
    _rec_name = "employee_id"
    _order = "employee_id"

    employee_id = fields.Many2one(
        comodel_name="hr.employee",
        string="Engineer",
        readonly=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Engineer's User",
        readonly=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        readonly=True,
    )
    supervisor_id = fields.Many2one(
        comodel_name="hr.employee",
        readonly=True,
    )
    department_id = fields.Many2one(
        comodel_name="hr.department",
        readonly=True,
    )
    month = fields.Date(
        compute="_compute_month",
        help="First day of the current month, in the company's appraisal time zone.",
    )
    month_label = fields.Char(
        string="Month Shown",
        compute="_compute_month",
    )
    earned_points = fields.Float(
        string="Points so Far (P)",
        compute="_compute_month",
        help="Valid credit points of the month so far: reviewed, closed orders "
        "with your work log.",
    )
    standard_points = fields.Float(
        string="Standard Points (S)",
        compute="_compute_month",
    )
    efficiency = fields.Float(
        string="Efficiency (E)",
        digits=(16, 4),
        compute="_compute_month",
    )
    workload_max = fields.Float(
        string="Workload Maximum",
        compute="_compute_month",
    )
    workload_score = fields.Float(
        compute="_compute_month",
        help="The workload score the points so far give: W x E.",
    )
    dissatisfied_count = fields.Integer(
        string="Dissatisfied Callbacks",
        compute="_compute_month",
    )
    customer_score = fields.Float(
        string="Customer Evaluation",
        compute="_compute_month",
    )
    work_log_finding_count = fields.Integer(
        string="Unqualified Work Logs",
        compute="_compute_month",
    )
    work_log_score = fields.Float(
        string="Work Log",
        compute="_compute_month",
    )
    order_form_finding_count = fields.Integer(
        string="Unqualified Order Forms",
        compute="_compute_month",
    )
    order_form_score = fields.Float(
        string="Service Order",
        compute="_compute_month",
    )
    invalid_credit_count = fields.Integer(
        string="Pending or Invalid Orders",
        compute="_compute_month",
        help="Orders closed this month that earn nothing yet.",
    )
    is_area_leader = fields.Boolean(
        string="Area Leader",
        compute="_compute_month",
    )
    area_score = fields.Float(
        compute="_compute_month",
    )
    total_score = fields.Float(
        string="Total so Far",
        compute="_compute_month",
        help="The appraisal's total if the month ended today.",
    )
    grade = fields.Selection(
        selection=GRADE_SELECTION,
        string="Grade so Far",
        compute="_compute_month",
    )
    workload_explanation = fields.Char(compute="_compute_month")
    customer_explanation = fields.Char(compute="_compute_month")
    work_log_explanation = fields.Char(compute="_compute_month")
    order_form_explanation = fields.Char(compute="_compute_month")
    total_explanation = fields.Char(compute="_compute_month")
    deduction_total = fields.Float(
        string="Deductions so Far",
        compute="_compute_month",
        help="Points lost this month to dissatisfied callbacks and unqualified "
        "work logs and order forms.",
    )
    to_self_rate_count = fields.Integer(
        string="Orders to Self-rate",
        compute="_compute_month",
        help="Open orders, and orders closed this month, that you take part in "
        "as an engineer and whose difficulty nobody has self-rated yet.",
    )
    to_log_count = fields.Integer(
        string="Orders without Work Log",
        compute="_compute_month",
        help="Open orders, and orders closed this month, where you have not "
        "logged work yet: without a work log an order earns you nothing.",
    )
    to_review_count = fields.Integer(
        string="Orders Waiting for Review",
        compute="_compute_month",
        help="Open orders, and orders closed this month, self-rated and "
        "waiting for a supervisor's review.",
    )
    task_due_count = fields.Integer(
        string="Tasks Due",
        compute="_compute_month",
        help="Appraised tasks assigned to you and not done yet.",
    )
    task_late_count = fields.Integer(
        string="Tasks Past Deadline",
        compute="_compute_month",
    )
    last_appraisal_id = fields.Many2one(
        comodel_name="helpdesk.engineer.appraisal",
        compute="_compute_month",
        help="The appraisal of the latest month before this one.",
    )
    last_appraisal_total = fields.Float(
        string="Last Total",
        compute="_compute_month",
    )
    last_appraisal_grade = fields.Selection(
        selection=GRADE_SELECTION,
        string="Last Grade",
        compute="_compute_month",
    )
    last_appraisal_state = fields.Selection(
        selection=lambda self: self.env["helpdesk.engineer.appraisal"]
        ._fields["state"]
        ._description_selection(self.env),
        string="Last Appraisal Stage",
        compute="_compute_month",
    )

    @property
    def _table_query(self):
        # The employees marked *Appraised*, whom the monthly generation
        # appraises.
        employees = (
            self.env["hr.employee"]
            .sudo()
            .with_context(active_test=True)
            ._search(self._engineer_domain())
        )
        return SQL(
            """
            SELECT employee.id AS id,
                   employee.id AS employee_id,
                   employee.user_id AS user_id,
                   employee.company_id AS company_id,
                   employee.parent_id AS supervisor_id,
                   employee.department_id AS department_id
              FROM hr_employee employee
             WHERE employee.id IN %s
            """,
            employees.subselect(),
        )

    @api.model
    def _engineer_domain(self):
        return [("appraisal_appraised", "=", True)]

    @api.model
    def _current_month(self):
        """The month of today in the company's appraisal time zone, the zone
        that gives every fact its month."""
        return scoring.month_start(self.env.company._appraisal_today())

    def _compute_month(self):
        """Every value of the rows at once, in a fixed number of queries."""
        month = self._current_month()
        # Superuser: the appraisal held in memory reads the facts as the
        # monthly appraisal does, whoever opens the board; the rows
        # themselves are filtered by the record rules.
        Appraisal = self.env["helpdesk.engineer.appraisal"].sudo()
        appraisals = Appraisal.concat(
            *(
                Appraisal.new(
                    {
                        "employee_id": row.employee_id.id,
                        "month": month,
                        "company_id": row.company_id.id,
                    }
                )
                for row in self
            )
        )
        appraisals.with_context(tracking_disable=True)._refresh_scores()
        pending = self._pending_orders(month)
        tasks = self._open_task_counts()
        last = self._last_appraisals(month)
        for row, appraisal in zip(self, appraisals, strict=True):
            values = {fname: appraisal[fname] for fname in _APPRAISAL_FIELDS}
            if values["grade"] is None:
                values["grade"] = False
            employee = row.employee_id
            last_appraisal = last.get(employee.id, Appraisal.browse())
            row.update(
                {
                    **values,
                    "month": month,
                    "month_label": month.strftime("%Y-%m"),
                    "deduction_total": (
                        appraisal.customer_max
                        - appraisal.customer_score
                        + appraisal.work_log_max
                        - appraisal.work_log_score
                        + appraisal.order_form_max
                        - appraisal.order_form_score
                    ),
                    "to_self_rate_count": len(pending["to_rate"][employee.id]),
                    "to_log_count": len(pending["to_log"][employee.id]),
                    "to_review_count": len(pending["to_review"][employee.id]),
                    "task_due_count": tasks[row.user_id.id][0],
                    "task_late_count": tasks[row.user_id.id][1],
                    "last_appraisal_id": last_appraisal.id,
                    "last_appraisal_total": last_appraisal.total_score,
                    "last_appraisal_grade": last_appraisal.grade,
                    "last_appraisal_state": last_appraisal.state,
                }
            )

    def _pending_orders(self, month):
        """``{kind: {employee id: ticket ids}}`` of the rows' orders that wait
        for something: ``to_rate`` (a self-rating), ``to_log`` (the
        employee's work log), ``to_review`` (a supervisor's review).

        The orders are those the employee takes part in as an engineer that
        are open or were closed this month (credit month), duplicates left
        out: one read of the credits, their orders and work logs."""
        # Superuser: counts of the rows' orders, whoever reads the board.
        credits = (
            self.env["helpdesk.ticket.credit"]
            .sudo()
            .search(self._pending_credits_domain(month))
        )
        pending = {
            "to_rate": defaultdict(list),
            "to_log": defaultdict(list),
            "to_review": defaultdict(list),
        }
        for credit in credits:
            ticket = credit.ticket_id
            employee_id = credit.employee_id.id
            if ticket.rating_state == "to_rate":
                pending["to_rate"][employee_id].append(ticket.id)
            elif ticket.rating_state == "self_rated":
                pending["to_review"][employee_id].append(ticket.id)
            if credit.employee_id not in ticket.timesheet_ids.employee_id:
                pending["to_log"][employee_id].append(ticket.id)
        return pending

    def _pending_credits_domain(self, month):
        return [
            ("employee_id", "in", self.employee_id.ids),
            ("role", "=", scoring.ROLE_ENGINEER),
            ("ticket_id.duplicate_id", "=", False),
            "|",
            ("month", "=", False),
            ("month", "=", month),
        ]

    def _open_task_counts(self):
        """``{user id: (open tasks, of which past their deadline)}``."""
        counts = defaultdict(lambda: [0, 0])
        # Superuser: engineers read only their own tasks; counts only.
        for user, status, count in (
            self.env["project.task"]
            .sudo()
            ._read_group(
                self._open_tasks_domain(),
                ["user_ids", "execution_status"],
                ["__count"],
            )
        ):
            counts[user.id][0] += count
            if status == scoring.TASK_OPEN_PAST_DEADLINE:
                counts[user.id][1] += count
        return counts

    def _open_tasks_domain(self):
        return [
            ("is_appraisal_task", "=", True),
            ("user_ids", "in", self.user_id.ids),
            (
                "execution_status",
                "in",
                (scoring.TASK_OPEN, scoring.TASK_OPEN_PAST_DEADLINE),
            ),
        ]

    def _last_appraisals(self, month):
        """``{employee id: appraisal}``: each row's latest appraisal before
        ``month``."""
        # Superuser: whoever may read the row may see its last result; the
        # appraisal itself opens with the reader's rights.
        appraisals = (
            self.env["helpdesk.engineer.appraisal"]
            .sudo()
            .search(
                [
                    ("employee_id", "in", self.employee_id.ids),
                    ("month", "<", month),
                ],
                order="month desc",
            )
        )
        last = {}
        for appraisal in appraisals:
            last.setdefault(appraisal.employee_id.id, appraisal)
        return last

    # Actions: each number opens what it counts -----------------------------

    def _in_memory_appraisal(self):
        self.ensure_one()
        return self.env["helpdesk.engineer.appraisal"].new(
            {
                "employee_id": self.employee_id.id,
                "month": self._current_month(),
                "company_id": self.company_id.id,
            }
        )

    def action_view_credits(self):
        return self._in_memory_appraisal().action_view_credits()

    def action_view_invalid_credits(self):
        return self._in_memory_appraisal().action_view_invalid_credits()

    def action_view_dissatisfied_callbacks(self):
        return self._in_memory_appraisal().action_view_dissatisfied_callbacks()

    def action_view_findings(self):
        return self._in_memory_appraisal().action_view_findings()

    def action_view_to_self_rate(self):
        return self._orders_action("to_rate", self.env._("Orders to Self-rate"))

    def action_view_to_log(self):
        return self._orders_action("to_log", self.env._("Orders without Work Log"))

    def action_view_to_review(self):
        return self._orders_action("to_review", self.env._("Orders Waiting for Review"))

    def _orders_action(self, kind, name):
        self.ensure_one()
        ticket_ids = self._pending_orders(self._current_month())[kind][
            self.employee_id.id
        ]
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_engineer_appraisal.helpdesk_ticket_action_my_to_rate"
        )
        action.update(
            {
                "name": name,
                "display_name": name,
                "domain": [("id", "in", ticket_ids)],
                "context": {"create": False},
            }
        )
        return action

    def action_view_tasks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_engineer_appraisal.project_task_action_appraisal"
        )
        action["domain"] = self._open_tasks_domain()
        action["context"] = {"create": False}
        return action

    @api.model
    def action_open_my_month(self):
        """The current user's row, on its form (menu *My Month*)."""
        mine = self.search([("user_id", "=", self.env.uid)], limit=1)
        if not mine:
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "warning",
                    "message": self.env._(
                        "My Month shows the month so far of the employees "
                        "appraised as engineers; you are not one of them."
                    ),
                },
            }
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("My Month"),
            "res_model": self._name,
            "res_id": mine.id,
            "view_mode": "form",
            "views": [
                (
                    self.env.ref(
                        "helpdesk_engineer_appraisal.helpdesk_engineer_month_view_form"
                    ).id,
                    "form",
                )
            ],
        }
