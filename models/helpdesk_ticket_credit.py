# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.exceptions import AccessError

from .. import scoring


class HelpdeskTicketCredit(models.Model):
    """The points one participant earns from one service order.

    Every value is a stored compute on the ticket and its work logs, so the
    ORM recomputes all lines touched by a change in one batch, whatever field
    changed: difficulty, participants, closing, duplicate mark or timesheets.
    """

    _name = "helpdesk.ticket.credit"
    _description = "Engineer Credit"
    _inherit = ["helpdesk.appraisal.input.mixin"]
    _order = "month desc, employee_id, ticket_id"
    _rec_name = "ticket_id"

    participant_id = fields.Many2one(
        comodel_name="helpdesk.ticket.participant",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    ticket_id = fields.Many2one(
        related="participant_id.ticket_id",
        store=True,
        index=True,
    )
    employee_id = fields.Many2one(
        related="participant_id.employee_id",
        store=True,
    )
    role = fields.Selection(
        related="participant_id.role",
        store=True,
    )
    company_id = fields.Many2one(
        related="participant_id.company_id",
        store=True,
        index=True,
    )
    difficulty_id = fields.Many2one(
        related="ticket_id.difficulty_id",
        string="Final Difficulty",
    )
    partner_id = fields.Many2one(
        related="ticket_id.partner_id",
        string="Customer",
    )
    share = fields.Float(
        compute="_compute_credit",
        store=True,
        aggregator=None,
        help="Part of the order's points that goes to this participant: "
        "an even split between the engineers of the order.",
    )
    points = fields.Float(
        compute="_compute_credit",
        store=True,
        help="Points earned: final difficulty x share, when the order is valid.",
    )
    is_valid = fields.Boolean(
        string="Valid",
        compute="_compute_credit",
        store=True,
    )
    invalid_reason = fields.Selection(
        selection=[
            (scoring.REASON_DUPLICATE, "Duplicate of another order"),
            (scoring.REASON_NOT_CLOSED, "Order not closed"),
            (scoring.REASON_NOT_REVIEWED, "Difficulty pending review"),
            (scoring.REASON_INTERN, "Interns earn no points"),
            (scoring.REASON_NO_WORK_LOG, "No work log on the order"),
        ],
        string="Reason",
        compute="_compute_credit",
        store=True,
        help="Why the order earns this participant nothing.",
    )
    month = fields.Date(
        compute="_compute_credit",
        store=True,
        help="First day of the month the order was closed in, in the "
        "employee's time zone. Credits count in this month's appraisal.",
    )
    frozen_month = fields.Date(
        string="Counted Month",
        readonly=True,
        copy=False,
        help="Set when a done appraisal counted the order: the credit stays "
        "in this month whatever later happens to the order's closing.",
    )

    _sql_constraints = [
        (
            "participant_unique",
            "UNIQUE(participant_id)",
            "A participant has a single credit line.",
        ),
    ]

    def init(self):
        # Appraisals read the credits of one month for many employees at once.
        tools.create_index(
            self.env.cr,
            "helpdesk_ticket_credit_month_employee_index",
            self._table,
            ["month", "employee_id"],
        )

    @api.depends(
        "role",
        "ticket_id.difficulty_id.points",
        "frozen_month",
        "ticket_id.closed_date",
        "ticket_id.appraisal_closed_day",
        "ticket_id.stage_id.counts_as_completed",
        "ticket_id.duplicate_id",
        "ticket_id.participant_ids.role",
        "ticket_id.timesheet_ids.employee_id",
        "ticket_id.timesheet_ids.unit_amount",
    )
    def _compute_credit(self):
        for credit in self:
            ticket = credit.ticket_id
            engineers = ticket._engineer_participants()
            share, points, reason = scoring.participant_credit(
                role=credit.role,
                engineer_count=len(engineers),
                difficulty_points=ticket.difficulty_id.points or None,
                is_closed=bool(
                    ticket.stage_id.counts_as_completed and ticket.closed_date
                ),
                is_duplicate=bool(ticket.duplicate_id),
                has_work_log=credit.employee_id
                in ticket._counted_work_logs().employee_id,
            )
            credit.share = share
            credit.points = points
            credit.is_valid = not reason
            credit.invalid_reason = reason
            # A month a done appraisal counted keeps the order (policy P1.6: it
            # earns once): reopening or re-closing it later moves nothing.
            credit.month = credit.frozen_month or (
                scoring.month_start(ticket.appraisal_closed_day)
                if ticket.appraisal_closed_day
                else False
            )

    def write(self, vals):
        # Every value is computed from the order, or recorded by the
        # appraisal when it is done (superuser): nobody writes a credit.
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "Engineer credits are computed from their service orders: "
                    "nobody edits them (fields: %(fields)s).",
                    fields=", ".join(sorted(vals)),
                )
            )
        return super().write(vals)

    # Fact source (the shape of every fact family) -------------------------

    @api.model
    def _employee_month_domain(self, employees, months):
        """The credits of ``employees`` in any of ``months``: valid ones earn
        the engineer their points, the others wait for something."""
        return [
            ("employee_id", "in", employees.ids),
            ("month", "in", list(set(months))),
        ]

    @api.model
    def _counts_by_employee_month(self, employees, months):
        """``{(employee id, month): {measure: number}}`` of the credits of
        ``employees`` in ``months``; pairs without credits are absent.

        Measures: ``points`` (earned by the valid credits), ``valid_count``
        (orders that earn), ``invalid_count`` (orders that earn nothing yet).
        One query, read as superuser: an appraisal counts every credit of
        the month, also those the caller may not read.
        """
        counts = {}
        for employee, month, is_valid, points, count in self.sudo()._read_group(
            self._employee_month_domain(employees, months),
            ["employee_id", "month:day", "is_valid"],
            ["points:sum", "__count"],
        ):
            measures = counts.setdefault(
                (employee.id, month),
                {"points": 0.0, "valid_count": 0, "invalid_count": 0},
            )
            if is_valid:
                measures["points"] += points
                measures["valid_count"] += count
            else:
                measures["invalid_count"] += count
        return counts

    @api.model
    def _facts_by_employee_month(self, employees, months):
        """``{(employee id, month): credits}`` of ``employees`` in ``months``,
        valid and not (``is_valid`` tells), in one search as superuser; pairs
        without credits are absent. The recordsets share one prefetch set:
        the orders and customers of every pair are read at once."""
        credits = self.sudo().search(self._employee_month_domain(employees, months))
        return credits.grouped(lambda credit: (credit.employee_id.id, credit.month))

    @api.model
    def _freeze_counted(self, appraisals):
        """Keep every credit of the orders the done ``appraisals`` counted in
        its current month, for good: the engineers' and their colleagues'.

        Called when the appraisals become done, as superuser. One search for
        the orders, one for their credits, one write per month.
        """
        credits = self.sudo()
        counted = credits.union(
            *appraisals._credits_by_appraisal(valid_only=True).values()
        )
        to_freeze = credits.search(
            [
                ("ticket_id", "in", counted.ticket_id.ids),
                ("frozen_month", "=", False),
                ("month", "!=", False),
            ]
        )
        for month, group in to_freeze.grouped("month").items():
            group.write({"frozen_month": month})
