# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .. import scoring


class HelpdeskServiceAreaDaily(models.Model):
    """Completion of one service area on one day (policy P3.3).

    Written only by ``helpdesk.service.area._refresh_daily_rates``; a row
    exists only for a day with orders due, the days that have a rate.
    """

    _name = "helpdesk.service.area.daily"
    _description = "Daily Completion Rate"
    _inherit = ["helpdesk.appraisal.input.mixin"]
    # A row is a planned day of orders, which may lie ahead.
    _appraisal_date_years_ahead = {"date": scoring.YEARS_AHEAD_MAX}
    _order = "date desc, area_id"
    _rec_name = "area_id"

    area_id = fields.Many2one(
        comodel_name="helpdesk.service.area",
        string="Service Area",
        required=True,
        readonly=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(
        related="area_id.company_id",
        store=True,
        precompute=True,
        index=True,
    )
    leader_id = fields.Many2one(
        related="area_id.leader_id",
    )
    date = fields.Date(
        required=True,
        readonly=True,
        index=True,
    )
    due_count = fields.Integer(
        string="Due",
        readonly=True,
        help="Orders of the area due on this day: their planned service date "
        "is this day.",
    )
    confirmed_count = fields.Integer(
        string="Completed and Confirmed",
        readonly=True,
        help="Orders due on this day that were closed no later than the end of "
        "the day (in the area leader's time zone), are not duplicates and have "
        "a callback confirming the work.",
    )
    rate = fields.Float(
        string="Completion Rate",
        compute="_compute_rate",
        store=True,
        precompute=True,
        aggregator="avg",
        help="Completed and confirmed / due.",
    )

    _sql_constraints = [
        (
            "area_date_unique",
            "UNIQUE(area_id, date)",
            "A service area has one completion rate per day.",
        ),
    ]

    @api.depends("due_count", "confirmed_count")
    def _compute_rate(self):
        for row in self:
            row.rate = row.confirmed_count / row.due_count if row.due_count else 0.0
