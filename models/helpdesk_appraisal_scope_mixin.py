# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.osv import expression


class HelpdeskAppraisalScopeMixin(models.AbstractModel):
    """Whom a KPI sheet template or a pay plan applies to: departments, job
    positions and employees of its company."""

    _name = "helpdesk.appraisal.scope.mixin"
    _description = "Appraisal Scope"

    department_ids = fields.Many2many(
        comodel_name="hr.department",
        string="Departments",
        check_company=True,
    )
    job_ids = fields.Many2many(
        comodel_name="hr.job",
        string="Job Positions",
        check_company=True,
    )
    employee_ids = fields.Many2many(
        comodel_name="hr.employee",
        string="Employees",
        check_company=True,
    )

    def _employees_in_scope(self):
        """The active employees of the record's company in its departments,
        job positions or employees, or, with none of the three, those marked
        Appraised: one search."""
        self.ensure_one()
        scopes = []
        if self.department_ids:
            scopes.append([("department_id", "in", self.department_ids.ids)])
        if self.job_ids:
            scopes.append([("job_id", "in", self.job_ids.ids)])
        if self.employee_ids:
            scopes.append([("id", "in", self.employee_ids.ids)])
        domain = expression.AND(
            [
                [("company_id", "=", self.company_id.id)],
                expression.OR(scopes)
                if scopes
                else [("appraisal_appraised", "=", True)],
            ]
        )
        # Departments and jobs are HR data that appraisal managers may not
        # read: whom a template or a plan applies to is its own business.
        return self.env["hr.employee"].sudo().search(domain).sudo(False)
