# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..const import DEDUCTION_COMPONENTS


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    appraisal_workload_max = fields.Float(
        related="company_id.appraisal_workload_max", readonly=False
    )
    appraisal_customer_max = fields.Float(
        related="company_id.appraisal_customer_max", readonly=False
    )
    appraisal_work_log_max = fields.Float(
        related="company_id.appraisal_work_log_max", readonly=False
    )
    appraisal_order_form_max = fields.Float(
        related="company_id.appraisal_order_form_max", readonly=False
    )
    appraisal_dissatisfied_deduction = fields.Float(
        related="company_id.appraisal_dissatisfied_deduction", readonly=False
    )
    appraisal_work_log_deduction = fields.Float(
        related="company_id.appraisal_work_log_deduction", readonly=False
    )
    appraisal_order_form_deduction = fields.Float(
        related="company_id.appraisal_order_form_deduction", readonly=False
    )
    appraisal_standard_points = fields.Float(
        related="company_id.appraisal_standard_points", readonly=False
    )
    appraisal_efficiency_cap = fields.Float(
        related="company_id.appraisal_efficiency_cap", readonly=False
    )
    appraisal_grade_excellent = fields.Float(
        related="company_id.appraisal_grade_excellent", readonly=False
    )
    appraisal_grade_good = fields.Float(
        related="company_id.appraisal_grade_good", readonly=False
    )
    appraisal_grade_pass = fields.Float(
        related="company_id.appraisal_grade_pass", readonly=False
    )
    appraisal_grade_below_standard = fields.Float(
        related="company_id.appraisal_grade_below_standard", readonly=False
    )
    appraisal_overdue_task_penalty = fields.Float(
        related="company_id.appraisal_overdue_task_penalty", readonly=False
    )
    appraisal_add_area_score = fields.Boolean(
        related="company_id.appraisal_add_area_score", readonly=False
    )
    appraisal_include_interns = fields.Boolean(
        related="company_id.appraisal_include_interns", readonly=False
    )
    appraisal_maxima_total = fields.Float(
        string="Total of the Maxima", compute="_compute_appraisal_maxima_total"
    )
    appraisal_points_per_device = fields.Float(
        related="company_id.appraisal_points_per_device", readonly=False
    )
    appraisal_area_rate_mode = fields.Selection(
        related="company_id.appraisal_area_rate_mode", readonly=False
    )
    appraisal_task_quality_max = fields.Float(
        related="company_id.appraisal_task_quality_max", readonly=False
    )
    appraisal_max_appeals = fields.Integer(
        related="company_id.appraisal_max_appeals", readonly=False
    )
    appraisal_arrival_target_minutes = fields.Integer(
        related="company_id.appraisal_arrival_target_minutes", readonly=False
    )
    appraisal_refresh_months = fields.Integer(
        related="company_id.appraisal_refresh_months", readonly=False
    )
    appraisal_complaint_deduction_hotline = fields.Float(
        related="company_id.appraisal_complaint_deduction_hotline", readonly=False
    )
    appraisal_complaint_deduction_general_manager = fields.Float(
        related="company_id.appraisal_complaint_deduction_general_manager",
        readonly=False,
    )
    appraisal_complaint_deduction_other_department = fields.Float(
        related="company_id.appraisal_complaint_deduction_other_department",
        readonly=False,
    )
    appraisal_complaint_deduction_field_visit = fields.Float(
        related="company_id.appraisal_complaint_deduction_field_visit",
        readonly=False,
    )
    appraisal_complaint_deduction_callback = fields.Float(
        related="company_id.appraisal_complaint_deduction_callback", readonly=False
    )
    appraisal_tz = fields.Selection(related="company_id.appraisal_tz", readonly=False)
    # Read-only here: it moves through its own action, with a reason.
    appraisal_lock_date = fields.Date(related="company_id.appraisal_lock_date")

    @api.depends(
        "appraisal_workload_max",
        *(component.max_setting for component in DEDUCTION_COMPONENTS),
    )
    def _compute_appraisal_maxima_total(self):
        # Live on the page, before the company is saved: hence not a related.
        for settings in self:
            settings.appraisal_maxima_total = settings.appraisal_workload_max + sum(
                settings[component.max_setting] for component in DEDUCTION_COMPONENTS
            )

    @api.model_create_multi
    def create(self, vals_list):
        # The page's own record rounds its numbers before the company checks
        # them: NaN would fail there with a raw error. Check them first.
        for vals in vals_list:
            self._check_appraisal_company_input(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_appraisal_company_input(vals)
        return super().write(vals)

    @api.model
    def _check_appraisal_company_input(self, vals):
        company_vals = {}
        for name, value in vals.items():
            related = self._fields[name].related if name in self._fields else None
            if related and related.startswith("company_id."):
                company_vals[related.split(".", 1)[1]] = value
        self.env["res.company"]._check_appraisal_input(company_vals)
