# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .. import pay_rules


class ResCompany(models.Model):
    """The pay settings of seed 004-R (KPI_SPEC G10, G11, Q11), the seed's
    numbers by default. Numbers are never negative nor NaN (the input mixin
    of ``res_company.py``); the manager's tiers must decrease."""

    _inherit = "res.company"

    appraisal_pay_standard_days = fields.Float(
        string="Standard Days of a Month",
        default=pay_rules.STANDARD_DAYS,
        help="The standard wage is paid for this many days attended "
        "(004-R: standard wage / 26 x days attended).",
    )
    appraisal_pay_complaint_veto_count = fields.Integer(
        string="Complaints Cancelling Performance Pay",
        default=pay_rules.COMPLAINT_VETO_COUNT,
        help="This many attributable complaints (hotline and general manager) "
        "in a month cancel the employee's performance pay of the month (004-R4).",
    )
    appraisal_pay_complaint_veto_inclusive = fields.Boolean(
        string="The Count Itself Cancels",
        default=True,
        help="Checked: the count itself cancels (3 or more); unchecked: only "
        "more than the count does (Q11).",
    )
    appraisal_pay_team_veto_count = fields.Integer(
        string="Team Complaints Cancelling the Manager's Pay",
        default=pay_rules.TEAM_VETO_COUNT,
        help="This many attributable complaints of the team in a month cancel "
        "the manager's performance pay of the month (004-R9).",
    )
    appraisal_pay_manager_high_threshold = fields.Float(
        string="Team Mean for the Top Factor",
        default=pay_rules.MANAGER_TIERS[0][0],
    )
    appraisal_pay_manager_high_percent = fields.Float(
        string="Top Manager Factor (%)",
        default=pay_rules.MANAGER_TIERS[0][1],
    )
    appraisal_pay_manager_mid_threshold = fields.Float(
        string="Team Mean for the Middle Factor",
        default=pay_rules.MANAGER_TIERS[1][0],
    )
    appraisal_pay_manager_mid_percent = fields.Float(
        string="Middle Manager Factor (%)",
        default=pay_rules.MANAGER_TIERS[1][1],
    )
    appraisal_pay_manager_low_percent = fields.Float(
        string="Lowest Manager Factor (%)",
        default=pay_rules.MANAGER_BELOW,
        help="Paid when the team's mean score reaches neither threshold (004-R8).",
    )
    appraisal_pay_quarter_threshold = fields.Float(
        string="Failing Quarter Score",
        default=pay_rules.QUARTER_THRESHOLD,
        help="A quarter scoring under this pays only part of its performance "
        "pay (004-R11: under 59).",
    )
    appraisal_pay_quarter_percent = fields.Float(
        string="Performance Pay of a Failing Quarter (%)",
        default=pay_rules.QUARTER_PERCENT,
    )
    appraisal_pay_failing_quarters = fields.Integer(
        string="Failing Quarters Cancelling the Year-end Appraisal",
        default=pay_rules.FAILING_QUARTERS_LIMIT,
    )

    @api.constrains(
        "appraisal_pay_manager_high_threshold",
        "appraisal_pay_manager_high_percent",
        "appraisal_pay_manager_mid_threshold",
        "appraisal_pay_manager_mid_percent",
        "appraisal_pay_manager_low_percent",
    )
    def _check_appraisal_pay_manager_tiers(self):
        for company in self:
            if pay_rules.tiers_problem(*company._appraisal_pay_manager_tiers()):
                raise ValidationError(
                    self.env._(
                        "The team mean of the top manager factor must be above "
                        "that of the middle factor (%(high)s, %(mid)s).",
                        high=company.appraisal_pay_manager_high_threshold,
                        mid=company.appraisal_pay_manager_mid_threshold,
                    )
                )

    @api.constrains("appraisal_pay_standard_days")
    def _check_appraisal_pay_standard_days(self):
        if any(company.appraisal_pay_standard_days <= 0 for company in self):
            raise ValidationError(
                self.env._("The standard days of a month must be more than 0.")
            )

    def _appraisal_pay_manager_tiers(self):
        """``(tiers, below)`` of the manager factor, as ``pay_rules`` takes them."""
        self.ensure_one()
        return (
            (
                (
                    self.appraisal_pay_manager_high_threshold,
                    self.appraisal_pay_manager_high_percent,
                ),
                (
                    self.appraisal_pay_manager_mid_threshold,
                    self.appraisal_pay_manager_mid_percent,
                ),
            ),
            self.appraisal_pay_manager_low_percent,
        )
