# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskEngineerAppraisal(models.Model):
    """Monthly appraisal of an engineer (POLICY 2)."""

    _name = "helpdesk.engineer.appraisal"
    _description = "Monthly Engineer Appraisal"
    _check_company_auto = True

    employee_id = fields.Many2one(
        comodel_name="hr.employee",
        required=True,
        check_company=True,
    )
    period = fields.Date(
        required=True,
        help="First day of the appraised month.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
    )
    department_id = fields.Many2one(
        comodel_name="hr.department",
        check_company=True,
    )
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("self_assessment", "Self-assessment"),
            ("review", "Review"),
            ("approval", "Approval"),
            ("done", "Done"),
        ],
        default="draft",
    )
    total_score = fields.Float()
    grade = fields.Selection(
        selection=[
            ("excellent", "Excellent"),
            ("good", "Good"),
            ("pass", "Pass"),
            ("below_standard", "Below Standard"),
            ("fail", "Fail"),
        ],
    )
