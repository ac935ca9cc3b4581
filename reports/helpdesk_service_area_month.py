# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from .. import scoring
from . import scoring_sql


class HelpdeskServiceAreaMonth(models.Model):
    """Monthly completion rate, score and rank of the service areas.

    An SQL view over the daily rows, so the ranking always follows the last
    refresh and the current settings (rate mode, points per device) without
    a second table to keep in step. It is the one place where the monthly
    rate and the area score are computed: the appraisal reads them here,
    through the fact source of ``helpdesk.service.area``.
    """

    _name = "helpdesk.service.area.month"
    _description = "Service Area Ranking"
    _auto = False
    _order = "month desc, company_id, rank, area_id"
    _rec_name = "area_id"
    # What the view reads: the ORM writes them before reading it.
    _depends = {
        "helpdesk.service.area.daily": [
            "area_id",
            "date",
            "due_count",
            "confirmed_count",
        ],
        "helpdesk.service.area": ["leader_id", "company_id", "standard_workload"],
        "res.company": ["appraisal_area_rate_mode"],
    }

    area_id = fields.Many2one(
        comodel_name="helpdesk.service.area",
        string="Service Area",
        readonly=True,
    )
    leader_id = fields.Many2one(
        comodel_name="hr.employee",
        readonly=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        readonly=True,
    )
    month = fields.Date(
        readonly=True,
        help="First day of the month.",
    )
    due_count = fields.Integer(string="Due", readonly=True)
    confirmed_count = fields.Integer(
        string="Completed and Confirmed",
        readonly=True,
    )
    rate = fields.Float(
        string="Monthly Completion Rate",
        readonly=True,
        aggregator="avg",
        help="Mean of the daily rates over the days with orders due, or total "
        "confirmed / total due, as set for the company.",
    )
    rate_mode = fields.Selection(
        selection=[
            (scoring.RATE_MODE_DAILY_MEAN, "Mean of daily rates"),
            (scoring.RATE_MODE_RATIO, "Confirmed / due"),
        ],
        readonly=True,
        help="How the company computes the monthly completion rate, the one "
        "the score uses.",
    )
    daily_mean_rate = fields.Float(
        string="Mean of Daily Rates",
        readonly=True,
        aggregator="avg",
        help="Mean of the daily completion rates over the days with orders due: "
        "every day weighs the same.",
    )
    ratio_rate = fields.Float(
        string="Confirmed / Due",
        readonly=True,
        aggregator="avg",
        help="Completed and confirmed orders of the month / orders due in the "
        "month: every order weighs the same.",
    )
    standard_workload = fields.Float(
        readonly=True,
        aggregator="sum",
        help="Current standard workload Q of the area.",
    )
    score = fields.Float(
        string="Area Score",
        readonly=True,
        aggregator="sum",
        help="Standard workload x monthly completion rate.",
    )
    rank = fields.Integer(
        readonly=True,
        aggregator="min",
        help="Rank of the area by score among the areas of its company for the "
        "month (1 = best; equal scores share a rank).",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(view)s AS (
                    WITH monthly AS (
                        SELECT
                            MIN(daily.id) AS id,
                            daily.area_id,
                            date_trunc('month', daily.date)::date AS month,
                            SUM(daily.due_count) AS due_count,
                            SUM(daily.confirmed_count) AS confirmed_count,
                            AVG(daily.confirmed_count::float / daily.due_count)
                                AS daily_mean
                        FROM helpdesk_service_area_daily daily
                        WHERE daily.due_count > 0
                        GROUP BY daily.area_id, date_trunc('month', daily.date)
                    ),
                    rated AS (
                        SELECT
                            monthly.*,
                            area.leader_id,
                            area.company_id,
                            area.standard_workload,
                            company.appraisal_area_rate_mode AS rate_mode,
                            CASE WHEN company.appraisal_area_rate_mode = %(ratio)s
                                THEN monthly.confirmed_count::float
                                    / monthly.due_count
                                ELSE monthly.daily_mean
                            END AS rate
                        FROM monthly
                        JOIN helpdesk_service_area area
                            ON area.id = monthly.area_id
                        JOIN res_company company ON company.id = area.company_id
                    )
                    SELECT
                        rated.id,
                        rated.area_id,
                        rated.leader_id,
                        rated.company_id,
                        rated.month,
                        rated.due_count,
                        rated.confirmed_count,
                        rated.rate,
                        rated.rate_mode,
                        rated.daily_mean AS daily_mean_rate,
                        rated.confirmed_count::float / rated.due_count AS ratio_rate,
                        rated.standard_workload,
                        rated.standard_workload * rated.rate AS score,
                        RANK() OVER (
                            PARTITION BY rated.company_id, rated.month
                            ORDER BY %(rank_key)s DESC
                        ) AS rank
                    FROM rated
                )
                """,
                view=SQL.identifier(self._table),
                ratio=scoring.RATE_MODE_RATIO,
                # Equal scores share a rank, as people see them.
                rank_key=scoring_sql.rank_key(
                    SQL("rated.standard_workload * rated.rate")
                ),
            )
        )
