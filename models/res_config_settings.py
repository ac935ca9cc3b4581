# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    appraisal_points_per_device = fields.Float(
        related="company_id.appraisal_points_per_device", readonly=False
    )
    appraisal_area_rate_mode = fields.Selection(
        related="company_id.appraisal_area_rate_mode", readonly=False
    )
    appraisal_task_quality_max = fields.Float(
        related="company_id.appraisal_task_quality_max", readonly=False
    )
