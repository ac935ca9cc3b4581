# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.base.models.res_partner import _tz_get

from .. import scoring
from ..const import DEDUCTION_COMPONENTS
from .helpdesk_appraisal_input_mixin import Bounds

# Sensible bounds of the workflow settings.
MAX_APPEALS = 10
MAX_REFRESH_MONTHS = 36


class ResCompany(models.Model):
    """Appraisal settings, per company (shown in Settings > Appraisal)."""

    _name = "res.company"
    _inherit = ["res.company", "helpdesk.appraisal.input.mixin"]
    # Lower bounds are those of the constraints below, which say why.
    _appraisal_bounds = {
        "appraisal_max_appeals": Bounds(0, MAX_APPEALS),
        "appraisal_refresh_months": Bounds(0, MAX_REFRESH_MONTHS),
        "appraisal_workload_max": Bounds(None, 100),
        "appraisal_customer_max": Bounds(None, 100),
        "appraisal_work_log_max": Bounds(None, 100),
        "appraisal_order_form_max": Bounds(None, 100),
        "appraisal_dissatisfied_deduction": Bounds(None, 100),
        "appraisal_work_log_deduction": Bounds(None, 100),
        "appraisal_order_form_deduction": Bounds(None, 100),
        "appraisal_standard_points": Bounds(None, 10000),
        "appraisal_efficiency_cap": Bounds(None, 10),
        "appraisal_grade_excellent": Bounds(None, None),
        "appraisal_grade_good": Bounds(None, None),
        "appraisal_grade_pass": Bounds(None, None),
        "appraisal_grade_below_standard": Bounds(None, None),
        "appraisal_overdue_task_penalty": Bounds(None, 100),
        "appraisal_points_per_device": Bounds(None, 1000),
        "appraisal_task_quality_max": Bounds(None, 1000),
        "appraisal_complaint_deduction_hotline": Bounds(0, 100),
        "appraisal_complaint_deduction_general_manager": Bounds(0, 100),
        "appraisal_complaint_deduction_other_department": Bounds(0, 100),
        "appraisal_complaint_deduction_field_visit": Bounds(0, 100),
        "appraisal_complaint_deduction_callback": Bounds(0, 100),
        # res_company_quality.py: findings of other kinds, assessments.
        "appraisal_false_record_deduction": Bounds(0, 100),
        "appraisal_unrecorded_outing_deduction": Bounds(0, 100),
        "appraisal_work_error_deduction": Bounds(0, 100),
        "appraisal_report_error_deduction": Bounds(0, 100),
        "appraisal_rule_violation_deduction": Bounds(0, 100),
        "appraisal_assessment_pass_mark": Bounds(0, 100),
        # A day at most.
        "appraisal_arrival_target_minutes": Bounds(0, 24 * 60),
    }

    # Monthly appraisal (policy P2.1 to P2.4): the four components and their maxima.
    appraisal_workload_max = fields.Float(
        string="Workload Maximum",
        default=60.0,
        help="Points of the workload component at full efficiency.",
    )
    appraisal_customer_max = fields.Float(
        string="Customer Evaluation Maximum",
        default=20.0,
        help="Points of the customer evaluation before deductions.",
    )
    appraisal_work_log_max = fields.Float(
        string="Work Log Maximum",
        default=10.0,
        help="Points of the work log component before deductions.",
    )
    appraisal_order_form_max = fields.Float(
        string="Service Order Maximum",
        default=10.0,
        help="Points of the service order form component before deductions.",
    )
    appraisal_dissatisfied_deduction = fields.Float(
        string="Deduction per Dissatisfied Callback",
        default=2.0,
        help="Taken from the customer evaluation of each engineer of the order.",
    )
    appraisal_work_log_deduction = fields.Float(
        string="Deduction per Unqualified Work Log",
        default=1.0,
    )
    appraisal_order_form_deduction = fields.Float(
        string="Deduction per Unqualified Order Form",
        default=1.0,
    )
    appraisal_standard_points = fields.Float(
        string="Standard Monthly Points",
        default=40.0,
        help="Points an engineer earns in a standard month (S); an employee may "
        "have their own.",
    )
    appraisal_efficiency_cap = fields.Float(
        string="Efficiency Cap",
        default=1.0,
        help="Highest efficiency (earned / standard points) that counts.",
    )
    appraisal_grade_excellent = fields.Float(
        string="Excellent from",
        default=90.0,
    )
    appraisal_grade_good = fields.Float(
        string="Good from",
        default=80.0,
    )
    appraisal_grade_pass = fields.Float(
        string="Pass from",
        default=60.0,
    )
    appraisal_grade_below_standard = fields.Float(
        string="Below Standard from",
        default=40.0,
        help="Lower totals fail.",
    )
    appraisal_add_area_score = fields.Boolean(
        string="Add the Area Score to the Total",
        help="The leader's area score is always shown on the appraisal; when "
        "checked it is also added to the total.",
    )
    appraisal_include_interns = fields.Boolean(
        string="Appraise Interns",
        help="Interns earn no points; by default they get no appraisal.",
    )
    appraisal_overdue_task_penalty = fields.Float(
        string="Penalty per Overdue Task",
        default=2.0,
        help="Taken from the half-year total for each overdue assigned task.",
    )
    appraisal_points_per_device = fields.Float(
        string="Points per Device",
        default=0.1,
        digits=(16, 3),
        help="Standard monthly workload of a service area per device it "
        "maintains, unless the area sets a fixed workload.",
    )
    appraisal_area_rate_mode = fields.Selection(
        selection=[
            (scoring.RATE_MODE_DAILY_MEAN, "Mean of the daily rates"),
            (scoring.RATE_MODE_RATIO, "Total confirmed / total due"),
        ],
        string="Monthly Completion Rate",
        default=scoring.RATE_MODE_DAILY_MEAN,
        required=True,
        help="Mean of the daily rates counts only the days that had orders due.",
    )
    appraisal_task_quality_max = fields.Float(
        string="Maximum Task Quality Score",
        default=5.0,
        help="Best quality score of an assigned task done on time.",
    )
    # The documents name arrival (003-3 到场时间) but give no target: two
    # hours until a company sets its own.
    appraisal_arrival_target_minutes = fields.Integer(
        string="Arrival Target (minutes)",
        default=120,
        help="An engineer arrives on time when their first check-in on an "
        "order comes at most this many minutes (wall-clock) after the "
        "appointment, or without one after the order's first assignment.",
    )
    appraisal_max_appeals = fields.Integer(
        string="Appeals per Appraisal",
        default=1,
        help="How many times an engineer may appeal one monthly appraisal; "
        "the supervisor answers each appeal in writing.",
    )
    appraisal_refresh_months = fields.Integer(
        string="Months Refreshed Nightly",
        default=2,
        help="The nightly refresh recomputes the appraisals not yet done of the "
        "current month and of this many months before it; older ones keep "
        "their numbers until refreshed by hand.",
    )
    # Default deduction of a complaint by channel (seed 004-R; 002-C7 for
    # other departments: 2 to 3).
    appraisal_complaint_deduction_hotline = fields.Float(
        string="Complaint Hotline",
        default=10.0,
    )
    appraisal_complaint_deduction_general_manager = fields.Float(
        string="Complaint to the General Manager",
        default=20.0,
    )
    appraisal_complaint_deduction_other_department = fields.Float(
        string="Complaint from Another Department",
        default=2.0,
    )
    appraisal_complaint_deduction_field_visit = fields.Float(
        string="Dissatisfied HR Field Visit",
        default=10.0,
    )
    appraisal_complaint_deduction_callback = fields.Float(
        string="Complaint on a Callback",
        default=10.0,
    )

    appraisal_tz = fields.Selection(
        selection=_tz_get,
        string="Appraisal Time Zone",
        compute="_compute_appraisal_tz",
        store=True,
        readonly=False,
        help="Decides the day and month of every fact of the appraisal (the "
        "closing of orders, callbacks, findings, task deadlines and "
        "completions, area days), fixed on each fact when it is recorded: "
        "changing it, or anyone's time zone, moves nothing already recorded. "
        "By default the time zone of the company's address, else UTC.",
    )

    @api.depends("partner_id")
    def _compute_appraisal_tz(self):
        # Only the company's initial zone: the partner's changes later are not
        # the appraisal's.
        for company in self:
            company.appraisal_tz = (
                company.appraisal_tz or company.partner_id.tz or "UTC"
            )

    def _appraisal_component_maxima(self):
        self.ensure_one()
        return (self.appraisal_workload_max,) + tuple(
            self[component.max_setting] for component in DEDUCTION_COMPONENTS
        )

    def _appraisal_grade_thresholds(self):
        """The lowest total of each grade, in the order of
        ``scoring.GRADE_BANDS``."""
        self.ensure_one()
        return tuple(
            self[f"appraisal_{setting}"] for _grade, setting in scoring.GRADE_BANDS
        )

    @api.constrains(
        "appraisal_workload_max",
        *(component.max_setting for component in DEDUCTION_COMPONENTS),
        *(component.deduction_setting for component in DEDUCTION_COMPONENTS),
        "appraisal_overdue_task_penalty",
    )
    def _check_appraisal_non_negative_settings(self):
        for company in self:
            values = (
                company._appraisal_component_maxima()
                + tuple(
                    company[component.deduction_setting]
                    for component in DEDUCTION_COMPONENTS
                )
                + (company.appraisal_overdue_task_penalty,)
            )
            if any(value < 0 for value in values):
                raise ValidationError(
                    self.env._(
                        "Component maxima, deductions and penalties of the "
                        "appraisal cannot be negative (company %(company)s).",
                        company=company.name,
                    )
                )

    @api.constrains("appraisal_standard_points", "appraisal_efficiency_cap")
    def _check_appraisal_workload_settings(self):
        for company in self:
            if company.appraisal_standard_points <= 0:
                raise ValidationError(
                    self.env._("The standard monthly points must be greater than zero.")
                )
            if company.appraisal_efficiency_cap <= 0:
                raise ValidationError(
                    self.env._("The efficiency cap must be greater than zero.")
                )

    @api.constrains(
        "appraisal_grade_excellent",
        "appraisal_grade_good",
        "appraisal_grade_pass",
        "appraisal_grade_below_standard",
    )
    def _check_appraisal_grade_bands(self):
        for company in self:
            if not scoring.thresholds_decreasing(company._appraisal_grade_thresholds()):
                raise ValidationError(
                    self.env._(
                        "The grade bands must start at strictly decreasing "
                        "totals between 0 and 100: excellent above good, good "
                        "above pass, pass above below standard, which must be "
                        "above 0."
                    )
                )

    @api.constrains("appraisal_points_per_device", "appraisal_task_quality_max")
    def _check_appraisal_positive_settings(self):
        for company in self:
            if company.appraisal_points_per_device <= 0:
                raise ValidationError(
                    self.env._("The points per device must be greater than zero.")
                )
            if company.appraisal_task_quality_max <= 0:
                raise ValidationError(
                    self.env._(
                        "The maximum task quality score must be greater than zero."
                    )
                )

    def write(self, vals):
        if "appraisal_tz" in vals:
            # The facts recorded so far take their day from the zone they
            # were recorded in: compute their pending days before it changes.
            self.env.flush_all()
        return super().write(vals)

    def _appraisal_local_day(self, moment):
        """Day of the naive UTC datetime ``moment`` in the company's appraisal
        time zone: the one rule for the day of every fact."""
        self.ensure_one()
        return scoring.local_day(moment, self.appraisal_tz or "UTC")

    def _appraisal_today(self):
        return self._appraisal_local_day(fields.Datetime.now())
