# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    appraisal_pay_standard_days = fields.Float(
        related="company_id.appraisal_pay_standard_days", readonly=False
    )
    appraisal_pay_complaint_veto_count = fields.Integer(
        related="company_id.appraisal_pay_complaint_veto_count", readonly=False
    )
    appraisal_pay_complaint_veto_inclusive = fields.Boolean(
        related="company_id.appraisal_pay_complaint_veto_inclusive", readonly=False
    )
    appraisal_pay_team_veto_count = fields.Integer(
        related="company_id.appraisal_pay_team_veto_count", readonly=False
    )
    appraisal_pay_manager_high_threshold = fields.Float(
        related="company_id.appraisal_pay_manager_high_threshold", readonly=False
    )
    appraisal_pay_manager_high_percent = fields.Float(
        related="company_id.appraisal_pay_manager_high_percent", readonly=False
    )
    appraisal_pay_manager_mid_threshold = fields.Float(
        related="company_id.appraisal_pay_manager_mid_threshold", readonly=False
    )
    appraisal_pay_manager_mid_percent = fields.Float(
        related="company_id.appraisal_pay_manager_mid_percent", readonly=False
    )
    appraisal_pay_manager_low_percent = fields.Float(
        related="company_id.appraisal_pay_manager_low_percent", readonly=False
    )
    appraisal_pay_quarter_threshold = fields.Float(
        related="company_id.appraisal_pay_quarter_threshold", readonly=False
    )
    appraisal_pay_quarter_percent = fields.Float(
        related="company_id.appraisal_pay_quarter_percent", readonly=False
    )
    appraisal_pay_failing_quarters = fields.Integer(
        related="company_id.appraisal_pay_failing_quarters", readonly=False
    )
