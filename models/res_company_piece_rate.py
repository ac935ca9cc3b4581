# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .. import piece_rate_rules

# The settings of each tier, from the lowest X1 to the highest.
TIER_BOUND_FIELDS = (
    "appraisal_piece_tier_2_from",
    "appraisal_piece_tier_3_from",
    "appraisal_piece_tier_4_from",
)
UNIT_RATE_FIELDS = tuple(f"appraisal_piece_unit_rate_{tier}" for tier in range(1, 5))
BASE_PERCENT_FIELDS = tuple(
    f"appraisal_piece_base_percent_{tier}" for tier in range(1, 5)
)
SHARE_FIELDS = (
    "appraisal_piece_pair_engineer_share",
    "appraisal_piece_pair_assistant_share",
    "appraisal_piece_trio_engineers_engineer_share",
    "appraisal_piece_trio_engineers_assistant_share",
    "appraisal_piece_trio_assistants_engineer_share",
    "appraisal_piece_trio_assistants_assistant_share",
)
PIECE_RATE_FIELDS = (
    "appraisal_piece_daily_quota_pair",
    "appraisal_piece_daily_quota_trio",
    "appraisal_piece_working_days",
    "appraisal_piece_shortfall_rate",
    *TIER_BOUND_FIELDS,
    *UNIT_RATE_FIELDS,
    *BASE_PERCENT_FIELDS,
    *SHARE_FIELDS,
)
SEED = piece_rate_rules.PieceRateSettings()


class ResCompany(models.Model):
    """The depot-repair piece rate of the company (seed 004-F, KPI_SPEC G9):
    quotas, the tiers of the on-time delivery rate X1 and their rates, the
    shortfall rate and the splits within crews. The seed's numbers are the
    defaults; ``piece_rate_rules.settings_problems`` refuses bad ones, the
    input mixin numbers that are not finite or negative."""

    _inherit = "res.company"

    appraisal_piece_daily_quota_pair = fields.Float(
        string="Daily Quota of a Two-Person Crew",
        default=SEED.daily_quota_pair,
        help="QA-passed units a crew of an engineer and an assistant repairs "
        "a day on average (保底维修量).",
    )
    appraisal_piece_daily_quota_trio = fields.Float(
        string="Daily Quota of a Three-Person Crew",
        default=SEED.daily_quota_trio,
    )
    appraisal_piece_working_days = fields.Integer(
        string="Working Days per Month",
        default=SEED.working_days,
        help="Default working days of a crew month: its quota is the daily "
        "quota times these days.",
    )
    appraisal_piece_tier_2_from = fields.Float(
        string="2nd Tier from X1 (%)",
        default=SEED.tier_bounds[0],
        help="On-time delivery rate from which the second tier applies; below "
        "it the first.",
    )
    appraisal_piece_tier_3_from = fields.Float(
        string="3rd Tier from X1 (%)",
        default=SEED.tier_bounds[1],
    )
    appraisal_piece_tier_4_from = fields.Float(
        string="4th Tier from X1 (%)",
        default=SEED.tier_bounds[2],
    )
    appraisal_piece_unit_rate_1 = fields.Float(
        string="Rate per Unit over Quota, 1st Tier",
        default=SEED.unit_rates[0],
        help="Paid for each QA-passed unit over the quota, and worth one merit "
        "point, in the month's tier.",
    )
    appraisal_piece_unit_rate_2 = fields.Float(
        string="Rate per Unit over Quota, 2nd Tier",
        default=SEED.unit_rates[1],
    )
    appraisal_piece_unit_rate_3 = fields.Float(
        string="Rate per Unit over Quota, 3rd Tier",
        default=SEED.unit_rates[2],
    )
    appraisal_piece_unit_rate_4 = fields.Float(
        string="Rate per Unit over Quota, 4th Tier",
        default=SEED.unit_rates[3],
    )
    appraisal_piece_base_percent_1 = fields.Float(
        string="Percent of Base with Too Few Returns, 1st Tier",
        default=SEED.base_percents[0],
        help="Paid instead of the shortfall deduction, of each member's own "
        "base, in a month flagged as having too few customer returns.",
    )
    appraisal_piece_base_percent_2 = fields.Float(
        string="Percent of Base with Too Few Returns, 2nd Tier",
        default=SEED.base_percents[1],
    )
    appraisal_piece_base_percent_3 = fields.Float(
        string="Percent of Base with Too Few Returns, 3rd Tier",
        default=SEED.base_percents[2],
    )
    appraisal_piece_base_percent_4 = fields.Float(
        string="Percent of Base with Too Few Returns, 4th Tier",
        default=SEED.base_percents[3],
    )
    appraisal_piece_shortfall_rate = fields.Float(
        string="Deduction per Unit under Quota",
        default=SEED.shortfall_rate,
    )
    appraisal_piece_pair_engineer_share = fields.Float(
        string="Two-Person Crew: Engineer's Share (%)",
        default=SEED.pair_shares[0],
    )
    appraisal_piece_pair_assistant_share = fields.Float(
        string="Two-Person Crew: Assistant's Share (%)",
        default=SEED.pair_shares[1],
    )
    appraisal_piece_trio_engineers_engineer_share = fields.Float(
        string="Two Engineers and an Assistant: Each Engineer's Parts",
        default=SEED.trio_two_engineers_shares[0],
        help="Parts of 10 of each engineer (3.5, 3.5, 3).",
    )
    appraisal_piece_trio_engineers_assistant_share = fields.Float(
        string="Two Engineers and an Assistant: the Assistant's Parts",
        default=SEED.trio_two_engineers_shares[1],
    )
    appraisal_piece_trio_assistants_engineer_share = fields.Float(
        string="An Engineer and Two Assistants: the Engineer's Parts",
        default=SEED.trio_two_assistants_shares[0],
        help="Parts of 10 of the engineer (3, 3, 4).",
    )
    appraisal_piece_trio_assistants_assistant_share = fields.Float(
        string="An Engineer and Two Assistants: Each Assistant's Parts",
        default=SEED.trio_two_assistants_shares[1],
    )

    @api.constrains(*PIECE_RATE_FIELDS)
    def _check_piece_rate_settings(self):
        messages = {
            piece_rate_rules.PROBLEM_NOT_A_NUMBER: self.env._(
                "The piece-rate amounts, quotas, tiers and shares must be "
                "finite numbers."
            ),
            piece_rate_rules.PROBLEM_NEGATIVE: self.env._(
                "The piece-rate amounts, quotas, tiers and shares cannot be negative."
            ),
            piece_rate_rules.PROBLEM_QUOTA: self.env._(
                "The daily quotas of the repair crews must be greater than zero."
            ),
            piece_rate_rules.PROBLEM_WORKING_DAYS: self.env._(
                "The working days of a month must lie between 1 and %(max)s.",
                max=piece_rate_rules.MAX_WORKING_DAYS,
            ),
            piece_rate_rules.PROBLEM_TIERS: self.env._(
                "The on-time delivery tiers must start at strictly increasing "
                "rates above 0 and at most 100 %."
            ),
            piece_rate_rules.PROBLEM_PERCENT: self.env._(
                "A percentage of base cannot exceed 100 %."
            ),
            piece_rate_rules.PROBLEM_PAIR_SHARES: self.env._(
                "The shares of a two-person crew must add up to 100 %."
            ),
            piece_rate_rules.PROBLEM_TRIO_SHARES: self.env._(
                "The parts of a three-person crew must add up to 10: two "
                "engineers and an assistant, as an engineer and two assistants."
            ),
        }
        for company in self:
            problems = piece_rate_rules.settings_problems(
                company._piece_rate_settings()
            )
            if problems:
                raise ValidationError(
                    self.env._(
                        "Piece rate of %(company)s: %(problems)s",
                        company=company.name,
                        problems=" ".join(messages[problem] for problem in problems),
                    )
                )

    def _piece_rate_settings(self):
        self.ensure_one()
        return piece_rate_rules.PieceRateSettings(
            daily_quota_pair=self.appraisal_piece_daily_quota_pair,
            daily_quota_trio=self.appraisal_piece_daily_quota_trio,
            working_days=self.appraisal_piece_working_days,
            tier_bounds=tuple(self[name] for name in TIER_BOUND_FIELDS),
            unit_rates=tuple(self[name] for name in UNIT_RATE_FIELDS),
            base_percents=tuple(self[name] for name in BASE_PERCENT_FIELDS),
            shortfall_rate=self.appraisal_piece_shortfall_rate,
            pair_shares=(
                self.appraisal_piece_pair_engineer_share,
                self.appraisal_piece_pair_assistant_share,
            ),
            trio_two_engineers_shares=(
                self.appraisal_piece_trio_engineers_engineer_share,
                self.appraisal_piece_trio_engineers_assistant_share,
            ),
            trio_two_assistants_shares=(
                self.appraisal_piece_trio_assistants_engineer_share,
                self.appraisal_piece_trio_assistants_assistant_share,
            ),
        )
