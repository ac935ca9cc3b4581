# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    appraisal_piece_daily_quota_pair = fields.Float(
        related="company_id.appraisal_piece_daily_quota_pair", readonly=False
    )
    appraisal_piece_daily_quota_trio = fields.Float(
        related="company_id.appraisal_piece_daily_quota_trio", readonly=False
    )
    appraisal_piece_working_days = fields.Integer(
        related="company_id.appraisal_piece_working_days", readonly=False
    )
    appraisal_piece_tier_2_from = fields.Float(
        related="company_id.appraisal_piece_tier_2_from", readonly=False
    )
    appraisal_piece_tier_3_from = fields.Float(
        related="company_id.appraisal_piece_tier_3_from", readonly=False
    )
    appraisal_piece_tier_4_from = fields.Float(
        related="company_id.appraisal_piece_tier_4_from", readonly=False
    )
    appraisal_piece_unit_rate_1 = fields.Float(
        related="company_id.appraisal_piece_unit_rate_1", readonly=False
    )
    appraisal_piece_unit_rate_2 = fields.Float(
        related="company_id.appraisal_piece_unit_rate_2", readonly=False
    )
    appraisal_piece_unit_rate_3 = fields.Float(
        related="company_id.appraisal_piece_unit_rate_3", readonly=False
    )
    appraisal_piece_unit_rate_4 = fields.Float(
        related="company_id.appraisal_piece_unit_rate_4", readonly=False
    )
    appraisal_piece_base_percent_1 = fields.Float(
        related="company_id.appraisal_piece_base_percent_1", readonly=False
    )
    appraisal_piece_base_percent_2 = fields.Float(
        related="company_id.appraisal_piece_base_percent_2", readonly=False
    )
    appraisal_piece_base_percent_3 = fields.Float(
        related="company_id.appraisal_piece_base_percent_3", readonly=False
    )
    appraisal_piece_base_percent_4 = fields.Float(
        related="company_id.appraisal_piece_base_percent_4", readonly=False
    )
    appraisal_piece_shortfall_rate = fields.Float(
        related="company_id.appraisal_piece_shortfall_rate", readonly=False
    )
    appraisal_piece_pair_engineer_share = fields.Float(
        related="company_id.appraisal_piece_pair_engineer_share", readonly=False
    )
    appraisal_piece_pair_assistant_share = fields.Float(
        related="company_id.appraisal_piece_pair_assistant_share", readonly=False
    )
    appraisal_piece_trio_engineers_engineer_share = fields.Float(
        related="company_id.appraisal_piece_trio_engineers_engineer_share",
        readonly=False,
    )
    appraisal_piece_trio_engineers_assistant_share = fields.Float(
        related="company_id.appraisal_piece_trio_engineers_assistant_share",
        readonly=False,
    )
    appraisal_piece_trio_assistants_engineer_share = fields.Float(
        related="company_id.appraisal_piece_trio_assistants_engineer_share",
        readonly=False,
    )
    appraisal_piece_trio_assistants_assistant_share = fields.Float(
        related="company_id.appraisal_piece_trio_assistants_assistant_share",
        readonly=False,
    )
