# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    appraisal_response_event = fields.Selection(
        related="company_id.appraisal_response_event", readonly=False
    )
    appraisal_response_target_minutes = fields.Float(
        related="company_id.appraisal_response_target_minutes", readonly=False
    )
    appraisal_handling_target_days = fields.Float(
        related="company_id.appraisal_handling_target_days", readonly=False
    )
    appraisal_rework_window_days = fields.Integer(
        related="company_id.appraisal_rework_window_days", readonly=False
    )
