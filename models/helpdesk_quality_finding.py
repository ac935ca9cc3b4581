# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..const import (
    KIND_FALSE_RECORD,
    KIND_ORDER_FORM,
    KIND_REPORT_ERROR,
    KIND_RULE_VIOLATION,
    KIND_UNRECORDED_OUTING,
    KIND_WORK_ERROR,
    KIND_WORK_LOG,
    ORDER_KINDS,
)
from .helpdesk_appraisal_input_mixin import Bounds

# The company setting giving the default deduction of each kind.
DEDUCTION_SETTINGS = {
    KIND_WORK_LOG: "appraisal_work_log_deduction",
    KIND_ORDER_FORM: "appraisal_order_form_deduction",
    KIND_FALSE_RECORD: "appraisal_false_record_deduction",
    KIND_UNRECORDED_OUTING: "appraisal_unrecorded_outing_deduction",
    KIND_WORK_ERROR: "appraisal_work_error_deduction",
    KIND_REPORT_ERROR: "appraisal_report_error_deduction",
    KIND_RULE_VIOLATION: "appraisal_rule_violation_deduction",
}


class HelpdeskQualityFinding(models.Model):
    """A work log or a service order form judged unqualified (不合格), or
    another lapse of an employee: a false record, an unrecorded outing, a
    work error, an error in a report or file, a violation of the rules
    (KPI_SPEC G6); these may stand without an order.

    Each active finding costs the employee points in the month it counts in:
    the monthly appraisal counts the work log and order form findings.
    A finding made in error is withdrawn with a reason, never deleted, so the
    appraisal can always be explained.
    """

    _name = "helpdesk.quality.finding"
    _inherit = ["helpdesk.appraisal.withdrawable.fact.mixin", "mail.thread"]
    _description = "Quality Finding"
    _order = "date desc, id desc"
    _rec_name = "ticket_id"
    _appraisal_bounds = {"deduction": Bounds(0, 100)}

    kind = fields.Selection(
        selection=[
            (KIND_WORK_LOG, "Work Log"),
            (KIND_ORDER_FORM, "Service Order Form"),
            (KIND_FALSE_RECORD, "False Record"),
            (KIND_UNRECORDED_OUTING, "Unrecorded Outing"),
            (KIND_WORK_ERROR, "Work Error"),
            (KIND_REPORT_ERROR, "Report or File Error"),
            (KIND_RULE_VIOLATION, "Rule Violation"),
        ],
        required=True,
        default=KIND_WORK_LOG,
        tracking=True,
        index=True,
    )
    timesheet_id = fields.Many2one(
        comodel_name="account.analytic.line",
        string="Work Log",
        check_company=True,
        index="btree_not_null",
        ondelete="restrict",
        domain="[('ticket_id', '!=', False)]",
        tracking=True,
    )
    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Service Order",
        index="btree_not_null",
        check_company=True,
        ondelete="restrict",
        compute="_compute_ticket_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    engineer_ids = fields.Many2many(
        comodel_name="hr.employee",
        string="Engineers of the Order",
        compute="_compute_engineer_ids",
    )
    employee_id = fields.Many2one(
        comodel_name="hr.employee",
        required=True,
        index=True,
        check_company=True,
        compute="_compute_employee_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="The employee the finding counts against: the author of the work "
        "log, or an engineer of the order for an order form.",
    )
    deduction = fields.Float(
        compute="_compute_deduction",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Points the finding may cost, by default the company's deduction "
        "for its kind. The monthly appraisal takes the company's deductions "
        "per work log and per order form.",
    )
    reason = fields.Text(
        required=True,
        tracking=True,
        help="What is wrong with the work log or the order form.",
    )
    month = fields.Date(
        help="First day of the month of the finding: it counts in this "
        "month's appraisal.",
    )
    withdrawal_reason = fields.Text(
        help="Why the finding no longer counts. Required to withdraw it.",
    )
    user_id = fields.Many2one(string="Reported by")

    # A finding records a judgement made once: later edits of the work log or
    # of the order's participants must not move it to another order or
    # employee, so the subject is taken from the chosen line and order only.
    @api.depends("timesheet_id")
    def _compute_ticket_id(self):
        for finding in self.filtered("timesheet_id"):
            finding.ticket_id = finding.timesheet_id.ticket_id

    @api.depends(
        "ticket_id.participant_ids.role", "ticket_id.participant_ids.employee_id"
    )
    def _compute_engineer_ids(self):
        for finding in self:
            finding.engineer_ids = (
                finding.ticket_id._engineer_participants().employee_id
            )

    @api.depends("ticket_id", "kind", "employee_id")
    def _compute_display_name(self):
        # The order names a finding about it; the others, their kind and
        # employee.
        for finding in self:
            finding.display_name = finding.ticket_id.display_name or " - ".join(
                filter(None, (finding._kind_label(), finding.employee_id.name))
            )

    @api.depends("kind", "timesheet_id", "ticket_id")
    def _compute_employee_id(self):
        for finding in self:
            if finding.kind == KIND_WORK_LOG:
                finding.employee_id = finding.timesheet_id.employee_id
                continue
            engineers = finding.ticket_id._engineer_participants().employee_id
            if finding.employee_id in engineers or (
                finding.kind != KIND_ORDER_FORM and finding.employee_id
            ):
                continue
            # By default the order form is the assigned engineer's.
            assigned = engineers.filtered(
                lambda e, user=finding.ticket_id.user_id: user and e.user_id == user
            )
            finding.employee_id = assigned[:1]

    # The company's deduction when the kind is chosen: a later change of the
    # setting moves no recorded finding.
    @api.depends("kind", "company_id")
    def _compute_deduction(self):
        for finding in self:
            finding.deduction = (
                finding.company_id[DEDUCTION_SETTINGS[finding.kind]]
                if finding.kind
                else 0.0
            )

    @api.constrains("kind", "timesheet_id", "ticket_id", "employee_id")
    def _check_subject(self):
        for finding in self:
            if finding.kind in ORDER_KINDS and not finding.ticket_id:
                raise ValidationError(
                    self.env._(
                        "A finding of kind %(kind)s is about a service order: "
                        "choose the order.",
                        kind=finding._kind_label(),
                    )
                )
            if finding.kind == KIND_WORK_LOG:
                line = finding.timesheet_id
                if not line:
                    raise ValidationError(
                        self.env._(
                            "Choose the unqualified work log of order %(order)s.",
                            order=finding.ticket_id.display_name,
                        )
                    )
                if (line.ticket_id, line.employee_id) != (
                    finding.ticket_id,
                    finding.employee_id,
                ):
                    raise ValidationError(
                        self.env._(
                            "A work log finding counts against the author of the "
                            "work log (%(employee)s) on its order (%(order)s).",
                            employee=line.employee_id.name,
                            order=line.ticket_id.display_name,
                        )
                    )
            elif finding.kind == KIND_ORDER_FORM and (
                finding.employee_id
                not in finding.ticket_id._engineer_participants().employee_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(employee)s is not an engineer of order %(order)s: an "
                        "order form finding counts against one of its engineers.",
                        employee=finding.employee_id.name,
                        order=finding.ticket_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_work_logs_on_orders(vals.get("timesheet_id") for vals in vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_work_logs_on_orders([vals.get("timesheet_id")])
        return super().write(vals)

    # Fact source (the shape of every fact family) -------------------------

    @api.model
    def _counts_by_employee_month(self, employees, months):
        """``{(employee id, month): {measure: number}}`` of the findings
        counting against ``employees`` in ``months``: for each kind of
        finding, ``<kind>`` counts them and ``deduction_<kind>`` adds their
        deductions (a kind without finding is absent: 0); pairs without
        findings are absent. One query, read as superuser: an appraisal counts
        every finding, also those the caller may not read."""
        counts = {}
        for employee, month, kind, count, deduction in self.sudo()._read_group(
            self._employee_month_domain(employees, months),
            ["employee_id", "month:day", "kind"],
            ["__count", "deduction:sum"],
        ):
            measures = counts.setdefault((employee.id, month), {})
            measures[kind] = count
            measures[f"deduction_{kind}"] = deduction
        return counts

    @api.model
    def _facts_by_employee_month(self, employees, months):
        """``{(employee id, month): findings}`` counting against ``employees``
        in ``months``, oldest first; pairs without findings are absent. One
        search, as superuser."""
        findings = self.sudo().search(
            self._employee_month_domain(employees, months), order="date, id"
        )
        return findings.grouped(lambda finding: (finding.employee_id.id, finding.month))

    def _kind_label(self):
        self.ensure_one()
        return dict(self._fields["kind"]._description_selection(self.env)).get(
            self.kind, ""
        )

    def _check_work_logs_on_orders(self, timesheet_ids):
        """Refuse time lines that are not on a service order, before the
        missing order hides the real mistake."""
        lines = self.env["account.analytic.line"].browse(
            [line_id for line_id in timesheet_ids if line_id]
        )
        # A supervisor may not read a line off their team's orders at all;
        # only whether it is on an order is checked, and nothing of it shown.
        if any(not line.ticket_id for line in lines.sudo()):
            raise ValidationError(
                self.env._(
                    "The chosen time line is not on a service order: only work "
                    "logs of orders can be judged unqualified."
                )
            )

    def _audit_message(self, field_labels):
        return self.env._(
            "%(fields)s of a quality finding are recorded by the module: "
            "the supervisor who reports it and the month of its date. "
            "They cannot be written.",
            fields=field_labels,
        )

    def _fact_label(self):
        return self.env._("Quality finding on order")

    def _about_self_message(self):
        return self.env._(
            "Finding %(finding)s is about your own work: ask another "
            "supervisor to record or change it.",
            finding=self.display_name,
        )

    def _only_active_message(self):
        return self.env._("Only active findings can be withdrawn.")

    def _missing_reason_message(self):
        return self.env._(
            "Give the reason for withdrawing finding %(finding)s.",
            finding=self.display_name,
        )

    def _withdrawn_message(self):
        return self.env._(
            "Finding withdrawn: %(reason)s", reason=self.withdrawal_reason
        )

    def _never_deleted_message(self):
        return self.env._(
            "Quality findings are never deleted, so that every appraisal can "
            "be explained: withdraw finding %(finding)s with a reason instead.",
            finding=self.display_name,
        )

    def _decision_message(self):
        return self.env._(
            "Withdraw a finding with its button and a reason; its status "
            "cannot be changed directly."
        )
