# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from ..const import SUPERVISOR_GROUP
from .helpdesk_appraisal_input_mixin import Bounds

CHANNEL_HOTLINE = "hotline"
CHANNEL_GENERAL_MANAGER = "general_manager"
CHANNEL_OTHER_DEPARTMENT = "other_department"
CHANNEL_FIELD_VISIT = "field_visit"
CHANNEL_CALLBACK = "callback"
# The company setting holding the default deduction of each channel.
DEDUCTION_SETTINGS = {
    CHANNEL_HOTLINE: "appraisal_complaint_deduction_hotline",
    CHANNEL_GENERAL_MANAGER: "appraisal_complaint_deduction_general_manager",
    CHANNEL_OTHER_DEPARTMENT: "appraisal_complaint_deduction_other_department",
    CHANNEL_FIELD_VISIT: "appraisal_complaint_deduction_field_visit",
    CHANNEL_CALLBACK: "appraisal_complaint_deduction_callback",
}
# The measures of ``_counts_by_employee_month``: all additive.
MEASURES = (
    ("complaints", "attributable", "deduction")
    + tuple(f"attributable_{channel}" for channel in DEDUCTION_SETTINGS)
    + tuple(f"deduction_{channel}" for channel in DEDUCTION_SETTINGS)
)
# A complaint costs at most a whole 100-point appraisal.
MAX_DEDUCTION = 100.0


class HelpdeskComplaint(models.Model):
    """A customer complaint (投诉) against employees of the service.

    Recorded by the call centre or a supervisor from any channel (the
    complaint hotline, the general manager, another department, HR's field
    visits, callbacks). A supervisor verifies whether it is attributable to
    the employees held responsible (确因自身原因); an attributable complaint
    costs each of them its deduction in the month it was received. A
    complaint recorded in error is withdrawn with a reason, never deleted.
    """

    _name = "helpdesk.complaint"
    _inherit = [
        "helpdesk.appraisal.withdrawable.fact.mixin",
        "mail.thread",
        "helpdesk.appraisal.import.mixin",
    ]
    _description = "Customer Complaint"
    _order = "date desc, id desc"
    _appraisal_bounds = {"deduction": Bounds(0.0, MAX_DEDUCTION)}
    # The supervisor's decisions: written only by the verification and
    # withdrawal actions.
    _DECISION_FIELDS = ("state", "is_attributable", "verified_by_id", "verified_on")
    _fact_employee_field = "employee_ids"

    date = fields.Date(string="Received on")
    month = fields.Date(
        help="First day of the month the complaint was received in: it counts "
        "in this month.",
    )
    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Service Order",
        index="btree_not_null",
        check_company=True,
        ondelete="restrict",
        tracking=True,
        help="The order complained about, when there is one.",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        index="btree_not_null",
        tracking=True,
    )
    employee_ids = fields.Many2many(
        comodel_name="hr.employee",
        string="Held Responsible",
        compute="_compute_employee_ids",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        # An employee held responsible is archived, not deleted.
        ondelete="restrict",
        context={"active_test": False},
        tracking=True,
        help="The employees the complaint is about: by default the engineers "
        "of the order. An attributable complaint counts against each of them.",
    )
    channel = fields.Selection(
        selection=[
            (CHANNEL_HOTLINE, "Complaint Hotline"),
            (CHANNEL_GENERAL_MANAGER, "General Manager"),
            (CHANNEL_OTHER_DEPARTMENT, "Other Department"),
            (CHANNEL_FIELD_VISIT, "HR Field Visit"),
            (CHANNEL_CALLBACK, "Callback"),
        ],
        required=True,
        default=CHANNEL_HOTLINE,
        index=True,
        tracking=True,
        help="Where the complaint came from; it sets the default deduction.",
    )
    category = fields.Selection(
        selection=[
            ("attitude", "Attitude"),
            ("quality", "Quality"),
            ("timeliness", "Timeliness"),
            ("other", "Other"),
        ],
        required=True,
        default="other",
        tracking=True,
    )
    description = fields.Text(
        required=True,
        help="What the customer complained about.",
    )
    deduction = fields.Float(
        compute="_compute_deduction",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Points the complaint costs each employee held responsible when "
        "it is attributable: by default the company's deduction for its "
        "channel.",
    )
    is_attributable = fields.Boolean(
        string="Attributable",
        readonly=True,
        copy=False,
        tracking=True,
        help="Verified by a supervisor as due to the employees held "
        "responsible themselves (确因自身原因). Only attributable complaints "
        "cost points.",
    )
    verified_by_id = fields.Many2one(
        comodel_name="res.users",
        string="Verified by",
        readonly=True,
        copy=False,
        tracking=True,
    )
    verified_on = fields.Datetime(
        readonly=True,
        copy=False,
    )
    withdrawal_reason = fields.Text(
        help="Why the complaint no longer counts. Required to withdraw it.",
    )

    @api.depends("date", "partner_id")
    def _compute_display_name(self):
        for complaint in self:
            complaint.display_name = " - ".join(
                part
                for part in (
                    complaint.partner_id.name,
                    format_date(self.env, complaint.date),
                )
                if part
            )

    # A complaint records who was held responsible when it was received:
    # later changes of the order do not move it.
    @api.depends("ticket_id")
    def _compute_partner_id(self):
        for complaint in self.filtered("ticket_id"):
            complaint.partner_id = complaint.ticket_id.partner_id

    @api.depends("ticket_id")
    def _compute_employee_ids(self):
        for complaint in self.filtered("ticket_id"):
            complaint.employee_ids = (
                complaint.ticket_id._engineer_participants().employee_id
            )

    @api.depends("channel", "company_id")
    def _compute_deduction(self):
        for complaint in self:
            company = complaint.company_id or self.env.company
            setting = DEDUCTION_SETTINGS.get(complaint.channel)
            complaint.deduction = company[setting] if setting else 0.0

    @api.constrains("employee_ids")
    def _check_employees(self):
        for complaint in self:
            if not complaint.employee_ids:
                raise ValidationError(
                    self.env._(
                        "Complaint %(complaint)s holds nobody responsible: choose the "
                        "employees it is about.",
                        complaint=complaint.display_name,
                    )
                )

    @api.constrains("date", "company_id")
    def _check_date(self):
        for complaint in self:
            if complaint.date > complaint.company_id._appraisal_today():
                raise ValidationError(
                    self.env._(
                        "Complaint %(complaint)s is dated in the future: record "
                        "complaints once they are received.",
                        complaint=complaint.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # An empty cell of an imported file leaves the default (the
            # order's customer and engineers, the channel's deduction).
            for fname in ("partner_id", "employee_ids", "deduction"):
                if vals.get(fname, True) is False:
                    del vals[fname]
        return super().create(vals_list)

    def action_verify_attributable(self):
        """The complaints are due to the employees held responsible."""
        return self._verify(True)

    def action_verify_not_attributable(self):
        """The complaints are not due to the employees held responsible."""
        return self._verify(False)

    def action_withdraw(self):
        self._check_supervisor()
        return super().action_withdraw()

    def _verify(self, attributable):
        self._check_supervisor()
        if any(complaint.state != "active" for complaint in self):
            raise UserError(self.env._("Only active complaints can be verified."))
        self._write_decision(
            {
                "is_attributable": attributable,
                "verified_by_id": self.env.uid,
                "verified_on": fields.Datetime.now(),
            }
        )
        body = (
            self.env._("Verified: attributable to the employees held responsible.")
            if attributable
            else self.env._(
                "Verified: not attributable to the employees held responsible."
            )
        )
        for complaint in self:
            complaint.message_post(body=body)
        return True

    @api.model
    def _counts_by_employee_month(self, employees, months):
        """``{(employee_id, month): {measure: number}}`` of the active
        complaints held against ``employees`` (an hr.employee recordset) and
        received in ``months`` (first days of months); pairs without
        complaints are absent.

        Measures, all additive: ``complaints`` (verified or not),
        ``attributable``, ``deduction`` (sum of the deductions of the
        attributable ones), ``attributable_<channel>`` and
        ``deduction_<channel>`` for each channel. A complaint holding several
        employees counts once for each. One query.
        """
        wanted = set(employees.ids)
        counts = {}
        # sudo: an appraisal counts every complaint held against its
        # employees, whoever computes it.
        for (
            employee,
            month,
            channel,
            attributable,
            count,
            deduction,
        ) in self.sudo()._read_group(
            self._employee_month_domain(employees, months),
            ["employee_ids", "month:day", "channel", "is_attributable"],
            ["__count", "deduction:sum"],
        ):
            # The others held responsible for the same complaints.
            if employee.id not in wanted:
                continue
            measures = counts.setdefault(
                (employee.id, month), {measure: 0 for measure in MEASURES}
            )
            measures["complaints"] += count
            if attributable:
                measures["attributable"] += count
                measures[f"attributable_{channel}"] += count
                measures["deduction"] += deduction
                measures[f"deduction_{channel}"] += deduction
        return counts

    @api.model
    def _facts_by_employee_month(self, employees, months):
        """``{(employee_id, month): complaints}``: the active complaints that
        ``_counts_by_employee_month`` counts, attributable or not, in the
        caller's environment. Two queries."""
        wanted = set(employees.ids)
        ids_by_key = {}
        # sudo: as the counts, every complaint held against the employees.
        for complaint in self.sudo().search_fetch(
            self._employee_month_domain(employees, months), ["month", "employee_ids"]
        ):
            for employee_id in complaint.employee_ids.ids:
                if employee_id in wanted:
                    ids_by_key.setdefault((employee_id, complaint.month), []).append(
                        complaint.id
                    )
        return {key: self.browse(ids) for key, ids in ids_by_key.items()}

    @api.model
    def _import_empty_message(self):
        return self.env._(
            "The file holds no complaint: give a header row of columns and one "
            "row per complaint."
        )

    def _audit_message(self, field_labels):
        return self.env._(
            "%(fields)s of a complaint are recorded by the module: the user "
            "who records it and the month it was received in. They cannot be "
            "written.",
            fields=field_labels,
        )

    def _check_supervisor(self):
        if not (self.env.su or self.env.user.has_group(SUPERVISOR_GROUP)):
            raise AccessError(
                self.env._("Only a supervisor verifies or withdraws complaints.")
            )

    def _fact_label(self):
        return self.env._("Complaint")

    def _about_self_message(self):
        return self.env._(
            "Complaint %(complaint)s is held against you: ask another "
            "supervisor to record, verify or change it.",
            complaint=self.display_name,
        )

    def _only_active_message(self):
        return self.env._("Only active complaints can be withdrawn.")

    def _missing_reason_message(self):
        return self.env._(
            "Give the reason for withdrawing complaint %(complaint)s.",
            complaint=self.display_name,
        )

    def _withdrawn_message(self):
        return self.env._(
            "Complaint withdrawn: %(reason)s", reason=self.withdrawal_reason
        )

    def _never_deleted_message(self):
        return self.env._(
            "Complaints are never deleted, so that every appraisal can be "
            "explained: withdraw complaint %(complaint)s with a reason instead.",
            complaint=self.display_name,
        )

    def _decision_message(self):
        return self.env._(
            "Verify or withdraw a complaint with its buttons; its status, "
            "attributability and verifier cannot be written directly."
        )
