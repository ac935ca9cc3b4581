# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    appraisal_false_record_deduction = fields.Float(
        related="company_id.appraisal_false_record_deduction", readonly=False
    )
    appraisal_unrecorded_outing_deduction = fields.Float(
        related="company_id.appraisal_unrecorded_outing_deduction", readonly=False
    )
    appraisal_work_error_deduction = fields.Float(
        related="company_id.appraisal_work_error_deduction", readonly=False
    )
    appraisal_report_error_deduction = fields.Float(
        related="company_id.appraisal_report_error_deduction", readonly=False
    )
    appraisal_rule_violation_deduction = fields.Float(
        related="company_id.appraisal_rule_violation_deduction", readonly=False
    )
    appraisal_assessment_pass_mark = fields.Float(
        related="company_id.appraisal_assessment_pass_mark", readonly=False
    )
