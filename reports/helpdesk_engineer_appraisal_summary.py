# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from .. import scoring
from ..const import GRADE_SELECTION
from . import scoring_sql


class HelpdeskEngineerAppraisalSummary(models.Model):
    """Quarter, half-year and year summaries of the monthly appraisals
    (月度考核，年底汇总, policy P2.8), with the overdue-task penalty of the
    half-year (policy P4.2).

    An SQL view, so that the summaries follow every change of the monthly
    appraisals without a table to keep in step. Every monthly appraisal
    counts, whatever its state: *Final Months* tells how many of the counted
    months are done, and a summary is *Final* only once its period is over and
    all its months are done. The grade bands and the half-year penalty are
    those frozen on the period's latest appraisal that has them (the
    company's current settings for appraisals never computed), so that
    changing the settings never changes a past period.

    The overdue tasks are the assignments of ``project.task._assignments_sql``
    (the tasks' fact source) that are overdue or open past their deadline,
    in the half-year of their deadline day. The view reads the stored
    execution status, which the hourly cron refreshes.
    """

    _name = "helpdesk.engineer.appraisal.summary"
    _description = "Engineer Appraisal Summary"
    _auto = False
    _order = (
        "period_start desc, period_type, company_id, department_id, department_rank"
    )
    _rec_name = "employee_id"

    period_type = fields.Selection(
        selection=[
            (scoring.PERIOD_QUARTER, "Quarter"),
            (scoring.PERIOD_HALF_YEAR, "Half-year"),
            (scoring.PERIOD_YEAR, "Year"),
        ],
        string="Period",
        readonly=True,
    )
    period_start = fields.Date(
        readonly=True,
        help="First day of the quarter, half-year or year.",
    )
    employee_id = fields.Many2one(
        comodel_name="hr.employee",
        readonly=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        readonly=True,
    )
    department_id = fields.Many2one(
        comodel_name="hr.department",
        readonly=True,
        help="Department of the employee's latest appraisal of the period.",
    )
    month_count = fields.Integer(
        string="Months",
        readonly=True,
        help="Monthly appraisals of the period, whatever their state.",
    )
    done_month_count = fields.Integer(
        string="Final Months",
        readonly=True,
        help="Monthly appraisals of the period that are done; the others may "
        "still change.",
    )
    mean_total = fields.Float(
        string="Mean Monthly Total",
        readonly=True,
        aggregator="avg",
    )
    overdue_task_count = fields.Integer(
        string="Overdue Tasks",
        readonly=True,
        help="Half-years only: appraised tasks of the employee whose deadline "
        "day lies in the half-year and that were done late or are still open "
        "past their deadline.",
    )
    overdue_penalty = fields.Float(
        readonly=True,
        help="Half-years only: overdue tasks x the company's penalty per overdue task.",
    )
    final_score = fields.Float(
        readonly=True,
        aggregator="avg",
        help="Mean monthly total minus the overdue penalty, never below 0.",
    )
    grade = fields.Selection(
        selection=GRADE_SELECTION,
        readonly=True,
        help="Grade of the final score, by the company's grade bands.",
    )
    is_final = fields.Boolean(
        string="Final",
        readonly=True,
        help="The period is over and all its monthly appraisals are done; "
        "otherwise the summary is provisional and may still change.",
    )
    department_rank = fields.Integer(
        readonly=True,
        aggregator="min",
        help="Rank of the final score among the employees of the department "
        "for the same period (1 = best; equal scores share a rank).",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        grade_settings = [setting for _grade, setting in scoring.GRADE_BANDS]
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(view)s AS (
                    WITH periods AS (
                        SELECT
                            appraisal.id,
                            appraisal.employee_id,
                            appraisal.company_id,
                            appraisal.department_id,
                            appraisal.month,
                            appraisal.state,
                            appraisal.total_score,
                            %(grade_bands)s,
                            appraisal.overdue_task_penalty,
                            kind.period_type,
                            kind.id_offset,
                            CASE kind.period_type
                                WHEN %(quarter)s
                                    THEN date_trunc('quarter', appraisal.month)
                                WHEN %(half_year)s THEN %(appraisal_half_year)s
                                ELSE date_trunc('year', appraisal.month)
                            END::date AS period_start
                        FROM helpdesk_engineer_appraisal appraisal
                        CROSS JOIN (
                            VALUES (%(quarter)s, 0), (%(half_year)s, 1), (%(year)s, 2)
                        ) AS kind(period_type, id_offset)
                    ),
                    summaries AS (
                        SELECT
                            -- Each monthly appraisal is in one period of each
                            -- kind: the lowest one names the row, stably.
                            MIN(periods.id) * 3 + periods.id_offset AS id,
                            periods.period_type,
                            periods.period_start,
                            periods.employee_id,
                            periods.company_id,
                            (ARRAY_AGG(
                                periods.department_id
                                ORDER BY periods.month DESC, periods.id DESC
                            ))[1] AS department_id,
                            COUNT(*) AS month_count,
                            COUNT(*) FILTER (WHERE periods.state = %(done)s)
                                AS done_month_count,
                            -- The settings frozen on the latest appraisal
                            -- computed with them.
                            %(frozen_grade_bands)s,
                            %(frozen_overdue_task_penalty)s
                                AS frozen_overdue_task_penalty,
                            -- An appraisal without total shows 0: it counts so.
                            AVG(COALESCE(periods.total_score, 0))::float
                                AS mean_total
                        FROM periods
                        GROUP BY
                            periods.period_type,
                            periods.id_offset,
                            periods.period_start,
                            periods.employee_id,
                            periods.company_id
                    ),
                    overdue AS (
                        SELECT
                            assignment.employee_id,
                            %(task_half_year)s::date AS period_start,
                            COUNT(*) AS task_count
                        FROM (%(assignments)s) assignment
                        WHERE assignment.execution_status IN %(overdue_statuses)s
                        GROUP BY assignment.employee_id, %(task_half_year)s
                    ),
                    scored AS (
                        SELECT
                            summaries.*,
                            COALESCE(overdue.task_count, 0) AS overdue_task_count,
                            COALESCE(overdue.task_count, 0)
                                * %(penalty)s AS overdue_penalty,
                            GREATEST(
                                summaries.mean_total
                                    - COALESCE(overdue.task_count, 0) * %(penalty)s,
                                0
                            ) AS final_score,
                            %(grade_bands_used)s
                        FROM summaries
                        JOIN res_company company ON company.id = summaries.company_id
                        LEFT JOIN overdue
                            ON summaries.period_type = %(half_year)s
                            AND overdue.employee_id = summaries.employee_id
                            AND overdue.period_start = summaries.period_start
                    )
                    SELECT
                        scored.id,
                        scored.period_type,
                        scored.period_start,
                        scored.employee_id,
                        scored.company_id,
                        scored.department_id,
                        scored.month_count,
                        scored.done_month_count,
                        scored.mean_total,
                        scored.overdue_task_count,
                        scored.overdue_penalty,
                        scored.final_score,
                        scored.done_month_count = scored.month_count
                            AND scored.period_start + CASE scored.period_type
                                WHEN %(quarter)s THEN INTERVAL '3 months'
                                WHEN %(half_year)s THEN INTERVAL '6 months'
                                ELSE INTERVAL '12 months'
                            END <= CURRENT_DATE AS is_final,
                        %(grade)s AS grade,
                        RANK() OVER (
                            PARTITION BY
                                scored.company_id,
                                scored.department_id,
                                scored.period_type,
                                scored.period_start
                            ORDER BY %(rank_key)s DESC
                        ) AS department_rank
                    FROM scored
                )
                """,
                view=SQL.identifier(self._table),
                appraisal_half_year=self._half_year_start(
                    SQL.identifier("appraisal", "month")
                ),
                task_half_year=self._half_year_start(
                    SQL.identifier("assignment", "deadline_day")
                ),
                assignments=self.env["project.task"]._assignments_sql(),
                quarter=scoring.PERIOD_QUARTER,
                half_year=scoring.PERIOD_HALF_YEAR,
                year=scoring.PERIOD_YEAR,
                done="done",
                overdue_statuses=scoring.TASK_OVERDUE_STATUSES,
                penalty=SQL(
                    "COALESCE(summaries.frozen_overdue_task_penalty, "
                    "company.appraisal_overdue_task_penalty)::float"
                ),
                frozen_overdue_task_penalty=self._latest_frozen("overdue_task_penalty"),
                # The grade bands of scoring.GRADE_BANDS: frozen on each
                # appraisal, the latest frozen ones of the period, else the
                # company's, and the grade of the unrounded final score.
                grade_bands=SQL(", ").join(
                    SQL.identifier("appraisal", setting) for setting in grade_settings
                ),
                frozen_grade_bands=SQL(", ").join(
                    SQL(
                        "%s AS %s",
                        self._latest_frozen(setting),
                        SQL.identifier(f"frozen_{setting}"),
                    )
                    for setting in grade_settings
                ),
                grade_bands_used=SQL(", ").join(
                    SQL(
                        "COALESCE(%s, %s) AS %s",
                        SQL.identifier("summaries", f"frozen_{setting}"),
                        SQL.identifier("company", f"appraisal_{setting}"),
                        SQL.identifier(f"appraisal_{setting}"),
                    )
                    for setting in grade_settings
                ),
                grade=scoring_sql.grade_case(
                    SQL.identifier("scored", "final_score"),
                    lambda setting: SQL.identifier("scored", f"appraisal_{setting}"),
                ),
                rank_key=scoring_sql.rank_key(SQL.identifier("scored", "final_score")),
            )
        )

    def _latest_frozen(self, column):
        """SQL: the value of ``column`` on the latest appraisal of the period
        that has one (NULL on appraisals never computed)."""
        return SQL(
            """(ARRAY_AGG(%(column)s ORDER BY periods.month DESC, periods.id DESC)
                FILTER (WHERE %(column)s IS NOT NULL))[1]""",
            column=SQL.identifier("periods", column),
        )

    def _half_year_start(self, day):
        """SQL: first day of the half-year of the date ``day``
        (``tests/pure/reference.py``, ``period_start``)."""
        return SQL(
            """(date_trunc('year', %(day)s)
                + CASE WHEN EXTRACT(MONTH FROM %(day)s) > 6
                    THEN INTERVAL '6 months' ELSE INTERVAL '0 months' END)""",
            day=day,
        )
