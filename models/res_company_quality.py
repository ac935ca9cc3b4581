# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    """Default deductions of the finding kinds beyond work logs and order
    forms, and the pass mark of assessments (KPI_SPEC G6, G7). Their bounds
    are declared with the other settings' in ``res_company.py``."""

    _inherit = "res.company"

    appraisal_false_record_deduction = fields.Float(
        string="Deduction per False Record",
        default=5.0,
        help="Default deduction of a finding of a false record (虚假记录).",
    )
    appraisal_unrecorded_outing_deduction = fields.Float(
        string="Deduction per Unrecorded Outing",
        default=5.0,
        help="Default deduction of a finding of an outing not recorded (外出未登记).",
    )
    appraisal_work_error_deduction = fields.Float(
        string="Deduction per Work Error",
        default=3.0,
        help="Default deduction of a finding of a work error (工作失误).",
    )
    appraisal_report_error_deduction = fields.Float(
        string="Deduction per Report Error",
        default=1.0,
        help="Default deduction of a finding of an error in a report or file "
        "(报表错误).",
    )
    appraisal_rule_violation_deduction = fields.Float(
        string="Deduction per Rule Violation",
        default=1.0,
        help="Default deduction of a finding of a violation of the company's "
        "rules (违反制度).",
    )
    appraisal_assessment_pass_mark = fields.Float(
        string="Assessment Pass Mark",
        default=60.0,
        help="Default lowest score, out of 100, that passes an exam, skill "
        "test, training or competition.",
    )
