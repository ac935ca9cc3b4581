# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .helpdesk_appraisal_pay_plan_line import SHEET_KINDS, SHEET_LINE_KINDS
from .helpdesk_appraisal_sheet_template import (
    PERIOD_MONTH,
    PERIOD_QUARTER,
    period_start,
)

BASE_PERFORMANCE = "performance"
BASE_CONTRACT = "contract"


class HelpdeskAppraisalPayPlan(models.Model):
    """How the employees of a company, job or department are paid from
    their KPI sheets (KPI_SPEC G10, 3.2 ``appraisal.incentive.plan``): a
    base, terms (wage for the days attended, performance pay by score,
    factors, vetoes, thresholds, pool shares, the piece rate) and the period
    a statement covers. ``helpdesk.appraisal.pay.statement`` applies it."""

    _name = "helpdesk.appraisal.pay.plan"
    _inherit = ["helpdesk.appraisal.input.mixin", "helpdesk.appraisal.scope.mixin"]
    _description = "Pay Plan"
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    payout_period = fields.Selection(
        selection=[(PERIOD_MONTH, "Month"), (PERIOD_QUARTER, "Quarter")],
        required=True,
        default=PERIOD_MONTH,
        help="A statement covers one month or one quarter; a quarter adds up "
        "the pay of its months.",
    )
    base_source = fields.Selection(
        selection=[
            (BASE_PERFORMANCE, "Performance Pay Base"),
            (BASE_CONTRACT, "Contract Wage"),
        ],
        string="Base",
        required=True,
        default=BASE_PERFORMANCE,
        help="The base the score, factor and percentage terms multiply: the "
        "employee's performance pay base or the wage of their running contract.",
    )
    template_id = fields.Many2one(
        comodel_name="helpdesk.appraisal.sheet.template",
        string="KPI Sheet Template",
        check_company=True,
        help="The monthly KPI sheets whose totals, grades and line values the "
        "terms read.",
    )
    employee_ids = fields.Many2many(
        help="The plan applies to these employees and to those of the "
        "departments and job positions above; with none of the three, to the "
        "employees of the template.",
    )
    line_ids = fields.One2many(
        comodel_name="helpdesk.appraisal.pay.plan.line",
        inverse_name="plan_id",
        string="Terms",
        copy=True,
    )
    flag_label = fields.Char(
        string="Monthly Flag",
        translate=True,
        help="What the flag a manager sets on a statement means, for terms "
        "used only when it is set (e.g. too few returns).",
    )

    @api.constrains("template_id")
    def _check_template_period(self):
        for plan in self:
            if plan.template_id and plan.template_id.period_type != PERIOD_MONTH:
                raise ValidationError(
                    self.env._(
                        "Pay plan %(plan)s reads monthly KPI sheets: choose a "
                        "template of a month.",
                        plan=plan.name,
                    )
                )

    @api.constrains("active", "template_id", "line_ids")
    def _check_template_of_terms(self):
        for plan in self.filtered("active"):
            if not plan.template_id and any(
                kind in SHEET_KINDS + SHEET_LINE_KINDS
                for kind in plan.line_ids.mapped("kind")
            ):
                raise ValidationError(
                    self.env._(
                        "Pay plan %(plan)s has terms reading the KPI sheets: "
                        "give it a KPI sheet template before using it.",
                        plan=plan.name,
                    )
                )

    def action_generate_last_period(self):
        """Compute the statements of the period holding last month: pay is
        made the month after (004-R10)."""
        self.ensure_one()
        self.env["helpdesk.appraisal.pay.statement"].check_access("create")
        day = self.company_id._appraisal_today() - relativedelta(months=1)
        statements = self.env["helpdesk.appraisal.pay.statement"]._generate(self, day)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_engineer_appraisal.helpdesk_appraisal_pay_statement_action"
        )
        action["domain"] = [("id", "in", statements.ids)]
        return action

    def _applicable_employees(self):
        """The employees of the company the plan applies to, in one search;
        without departments, jobs or employees, those of its template."""
        self.ensure_one()
        if not (self.department_ids or self.job_ids or self.employee_ids) and (
            self.template_id
        ):
            return self.template_id._applicable_employees()
        return self._employees_in_scope()

    def _period_start(self, day):
        """First day of the payout period holding ``day``."""
        self.ensure_one()
        return period_start(day, self.payout_period)
