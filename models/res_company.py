# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .. import scoring


class ResCompany(models.Model):
    """Appraisal settings, per company (shown in Settings > Appraisal)."""

    _inherit = "res.company"

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
