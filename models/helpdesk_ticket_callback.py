# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from .. import scoring

RESULT_SATISFIED = "satisfied"
RESULT_UNREACHABLE = "unreachable"


class HelpdeskTicketCallback(models.Model):
    """A call of the service centre to the customer of a service order (回访).

    Callbacks are facts recorded by call-centre staff, one per call, several
    per order. The appraisal deducts points for dissatisfied ones, once for
    each engineer of the order, in the month of the call.
    """

    _name = "helpdesk.ticket.callback"
    _description = "Service Order Callback"
    _inherit = [
        "helpdesk.appraisal.input.mixin",
        "helpdesk.appraisal.import.mixin",
    ]
    # The bounds stop absurd years; _check_call_date refuses any call in the
    # future, naming the order.
    _appraisal_date_years_ahead = {"call_date": scoring.YEARS_AHEAD_MAX}
    _order = "call_date desc, id desc"
    _rec_name = "ticket_id"
    _check_company_auto = True
    # Who called and the month the call counts in are recorded by the module,
    # never written by a client (an import included).
    _AUDIT_FIELDS = ("user_id", "call_day", "month")

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Service Order",
        required=True,
        index=True,
        check_company=True,
        # A callback is part of an engineer's appraisal: it outlives no order,
        # but it is never lost silently with one either.
        ondelete="restrict",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    call_date = fields.Datetime(
        string="Called on",
        required=True,
        default=fields.Datetime.now,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Called by",
        default=lambda self: self.env.user,
        help="Call-centre agent who called the customer.",
    )
    result = fields.Selection(
        selection=[
            (RESULT_SATISFIED, "Satisfied"),
            ("neutral", "Neutral"),
            (scoring.CALLBACK_DISSATISFIED, "Dissatisfied"),
            (RESULT_UNREACHABLE, "Unreachable"),
        ],
        required=True,
        index=True,
        help="Each dissatisfied callback costs every engineer of the order "
        "points in the month of the call.",
    )
    customer_comment = fields.Text(
        string="Customer's Words",
    )
    # "Work Completed" as the import's column: the import matches a header
    # to a field's label (case aside) before it tries near spellings.
    work_confirmed = fields.Boolean(
        string="Work Completed",
        help="Confirmed by the customer on this call: the work of the order "
        "was completed.",
    )
    call_day = fields.Date(
        string="Day of the Call",
        compute="_compute_call_day",
        store=True,
        help="Day of the call in the company's appraisal time zone when it "
        "was recorded.",
    )
    month = fields.Date(
        compute="_compute_month",
        store=True,
        index=True,
        help="First day of the month of the call, in the company's appraisal "
        "time zone. The callback counts in this month's appraisal.",
    )
    partner_id = fields.Many2one(
        related="ticket_id.partner_id",
        string="Customer",
    )

    # Fixed when recorded: a later change of the company's appraisal time
    # zone, of the caller's, or the caller's deletion moves no call.
    @api.depends("call_date")
    def _compute_call_day(self):
        for callback in self:
            company = callback.company_id or self.env.company
            callback.call_day = (
                company._appraisal_local_day(callback.call_date)
                if callback.call_date
                else False
            )

    @api.depends("call_day")
    def _compute_month(self):
        for callback in self:
            callback.month = (
                scoring.month_start(callback.call_day) if callback.call_day else False
            )

    @api.constrains("call_date")
    def _check_call_date(self):
        now = fields.Datetime.now()
        for callback in self:
            if callback.call_date > now:
                raise ValidationError(
                    self.env._(
                        "The callback on order %(order)s is dated in the future "
                        "(%(date)s): record calls once they are made.",
                        order=callback.ticket_id.display_name,
                        date=callback.call_date,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        # The defaults a client sends in the context are values too.
        for vals in self._with_context_defaults(vals_list):
            self._check_audit_values(vals, creating=True)
        callbacks = super().create(vals_list)
        callbacks._check_appraisal_lock()
        return callbacks

    def write(self, vals):
        self._check_audit_values(vals)
        # The month it leaves and the month it moves to.
        self._check_appraisal_lock()
        res = super().write(vals)
        self._check_appraisal_lock()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self._check_appraisal_lock()

    def _audit_message(self, field_labels):
        return self.env._(
            "%(fields)s of a callback are recorded by the module: the "
            "agent who logs the call, the day and the month of the "
            "call. They cannot be written.",
            fields=field_labels,
        )

    def _check_appraisal_lock(self):
        self.env["res.company"]._check_appraisal_lock(
            ((callback, callback.company_id, callback.month) for callback in self),
            self.env._("Callback on order"),
        )

    @api.model
    def _import_empty_message(self):
        return self.env._(
            "The file holds no callback: give a header row of columns and one "
            "row per call."
        )

    # Fact source (the shape of every fact family) -------------------------

    @api.model
    def _employee_month_domain(self, employees, months):
        """The callbacks counting against ``employees`` in any of ``months``:
        the calls of the month on the orders they take part in as engineers.
        A callback counts once against every engineer of its order, never
        against an intern (policy P2.2). Exact for one employee and month, a
        superset to split by engineer and month for several."""
        return [
            ("month", "in", list(set(months))),
            (
                "ticket_id.participant_ids",
                "any",
                self._counted_participants_domain(employees),
            ),
        ]

    @api.model
    def _counted_participants_domain(self, employees):
        """The participations through which a callback of the order counts:
        those of ``employees`` as engineers."""
        return [
            ("employee_id", "in", employees.ids),
            ("role", "=", scoring.ROLE_ENGINEER),
        ]

    @api.model
    def _dissatisfied_domain(self, employees, months):
        """The dissatisfied callbacks counting against ``employees`` in
        ``months``: those that cost them points."""
        return self._employee_month_domain(employees, months) + [
            ("result", "=", scoring.CALLBACK_DISSATISFIED)
        ]

    @api.model
    def _engineers_by_ticket(self, tickets, employees):
        """``{ticket id: employee ids}``: the engineers among ``employees``
        of each order, in one query."""
        return {
            ticket.id: employee_ids
            for ticket, employee_ids in self.env["helpdesk.ticket.participant"]
            .sudo()
            ._read_group(
                [("ticket_id", "in", tickets.ids)]
                + self._counted_participants_domain(employees),
                ["ticket_id"],
                ["employee_id:array_agg"],
            )
        }

    @api.model
    def _counts_by_employee_month(self, employees, months):
        """``{(employee id, month): {measure: number}}`` of the callbacks
        counting against ``employees`` in ``months``; pairs without callbacks
        are absent.

        Measures: ``callbacks`` (every call), ``answered`` (the customer was
        reached), ``satisfied`` and ``dissatisfied`` (each costs the engineer
        its deduction). One query whatever the number of employees, months
        and orders, read as superuser: an appraisal counts every call, also
        those the caller may not read.
        """
        # Each call joined to the engineers of its order: one row per call
        # and engineer, counted by PostgreSQL.
        calls = self.sudo()._search([("month", "in", list(set(months)))])
        engineers = (
            self.env["helpdesk.ticket.participant"]
            .sudo()
            ._search(self._counted_participants_domain(employees))
        )
        engineer = calls.join(
            calls.table,
            "ticket_id",
            engineers.subselect(
                SQL.identifier(engineers.table, "ticket_id"),
                SQL.identifier(engineers.table, "employee_id"),
            ),
            "ticket_id",
            "engineer",
        )
        groups = (
            SQL.identifier(engineer, "employee_id"),
            SQL.identifier(calls.table, "month"),
            SQL.identifier(calls.table, "result"),
        )
        calls.groupby = SQL(", ").join(groups)
        counts = {}
        for employee_id, month, result, count in self.env.execute_query(
            calls.select(*groups, SQL("COUNT(*)"))
        ):
            measures = counts.setdefault(
                (employee_id, month),
                {"callbacks": 0, "answered": 0, "satisfied": 0, "dissatisfied": 0},
            )
            measures["callbacks"] += count
            if result != RESULT_UNREACHABLE:
                measures["answered"] += count
            if result == RESULT_SATISFIED:
                measures["satisfied"] += count
            elif result == scoring.CALLBACK_DISSATISFIED:
                measures["dissatisfied"] += count
        return counts

    @api.model
    def _facts_by_employee_month(self, employees, months):
        """``{(employee id, month): callbacks}`` counting against
        ``employees`` in ``months``, whatever their result (``result`` tells
        the dissatisfied ones), oldest call first; pairs without callbacks
        are absent. Two queries, read as superuser."""
        callbacks = self.sudo().search(
            self._employee_month_domain(employees, months), order="call_date, id"
        )
        engineers = self._engineers_by_ticket(callbacks.ticket_id, employees)
        ids_by_pair = {}
        for callback in callbacks:
            for employee_id in engineers.get(callback.ticket_id.id, ()):
                ids_by_pair.setdefault((employee_id, callback.month), []).append(
                    callback.id
                )
        # One prefetch set for all the pairs: their orders are read at once.
        return {
            pair: callbacks.browse(ids).with_prefetch(callbacks._prefetch_ids)
            for pair, ids in ids_by_pair.items()
        }
