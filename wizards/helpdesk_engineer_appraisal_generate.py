# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskEngineerAppraisalGenerate(models.TransientModel):
    _name = "helpdesk.engineer.appraisal.generate"
    _description = "Generate Monthly Appraisals"
    _inherit = ["helpdesk.appraisal.input.mixin"]
    _check_company_auto = True

    month = fields.Date(
        required=True,
        default=lambda self: self.env["helpdesk.engineer.appraisal"]._last_month(),
        help="Any day of the month to appraise.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
    )
    department_ids = fields.Many2many(
        comodel_name="hr.department",
        string="Departments",
        check_company=True,
        help="Only the engineers of these departments; all when empty.",
    )
    employee_ids = fields.Many2many(
        comodel_name="hr.employee",
        string="Engineers",
        check_company=True,
        help="Only these engineers; all concerned when empty.",
    )

    def action_generate(self):
        self.ensure_one()
        appraisals = self.env["helpdesk.engineer.appraisal"]._generate(
            self.month, self.company_id, self.department_ids, self.employee_ids
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_engineer_appraisal.helpdesk_engineer_appraisal_action"
        )
        action["domain"] = [("id", "in", appraisals.ids)]
        action["context"] = {}
        return action
