# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .helpdesk_appraisal_input_mixin import Bounds

KIND_EXAM = "exam"
KIND_SKILL_TEST = "skill_test"
KIND_TRAINING = "training"
KIND_COMPETITION = "competition"
# The measure names of each kind in ``_counts_by_employee_month``: the
# plural counts the assessments, ``<plural>_attended`` and ``<plural>_passed``
# those attended and passed, ``<kind>_score_sum`` adds their scores.
KIND_PLURALS = {
    KIND_EXAM: "exams",
    KIND_SKILL_TEST: "skill_tests",
    KIND_TRAINING: "trainings",
    KIND_COMPETITION: "competitions",
}
SCORE_MAX = 100.0


def _empty_measures():
    """Every measure of ``_counts_by_employee_month``, at zero."""
    measures = {}
    for kind, plural in KIND_PLURALS.items():
        measures.update(
            {
                plural: 0,
                f"{plural}_attended": 0,
                f"{plural}_passed": 0,
                f"{kind}_score_sum": 0.0,
            }
        )
    return measures


class HelpdeskAppraisalAssessment(models.Model):
    """An exam, skill test, training or competition of an employee (考试成绩,
    培训记录, KPI_SPEC G7).

    A supervisor records the score out of 100 and the pass mark; an absent
    employee has no score: the assessment counts with a score of 0 and is
    never passed (KPI_SPEC Q3, "没有参加者 -> 0"). Once its month is locked an
    assessment is neither changed nor deleted.
    """

    _name = "helpdesk.appraisal.assessment"
    _inherit = ["helpdesk.appraisal.fact.mixin", "mail.thread"]
    _description = "Appraisal Assessment"
    _order = "date desc, id desc"
    _rec_name = "title"
    _appraisal_bounds = {
        "score": Bounds(0, SCORE_MAX),
        "pass_mark": Bounds(0, SCORE_MAX),
    }
    # The lock's message shows the day of the assessment.
    _fact_lock_field = "date"

    employee_id = fields.Many2one(
        comodel_name="hr.employee",
        required=True,
        index=True,
        check_company=True,
        ondelete="restrict",
        tracking=True,
    )
    kind = fields.Selection(
        selection=[
            (KIND_EXAM, "Exam"),
            (KIND_SKILL_TEST, "Skill Test"),
            (KIND_TRAINING, "Training"),
            (KIND_COMPETITION, "Competition"),
        ],
        required=True,
        default=KIND_EXAM,
        tracking=True,
        index=True,
    )
    title = fields.Char(
        required=True,
        tracking=True,
        help="What was assessed, e.g. the product knowledge exam of the quarter.",
    )
    month = fields.Date(
        help="First day of the month of the assessment: it counts in this "
        "month's appraisal.",
    )
    attended = fields.Boolean(
        default=True,
        tracking=True,
        help="Clear it when the employee did not take part: an absent "
        "employee has no score, counts with 0 and has not passed.",
    )
    score = fields.Float(
        compute="_compute_score",
        store=True,
        readonly=False,
        tracking=True,
        aggregator="avg",
        help="Score out of 100; 0 when the employee did not attend.",
    )
    pass_mark = fields.Float(
        # The company's pass mark when recorded; a later change of the
        # setting moves no recorded assessment.
        default=lambda self: self.env.company.appraisal_assessment_pass_mark,
        required=True,
        tracking=True,
        aggregator=None,
        help="Lowest score that passes, out of 100.",
    )
    passed = fields.Boolean(
        compute="_compute_passed",
        store=True,
        help="Attended with a score at least the pass mark.",
    )

    @api.depends("attended")
    def _compute_score(self):
        for assessment in self:
            assessment.score = assessment.score if assessment.attended else 0.0

    @api.depends("attended", "score", "pass_mark")
    def _compute_passed(self):
        for assessment in self:
            assessment.passed = (
                assessment.attended and assessment.score >= assessment.pass_mark
            )

    @api.constrains("attended", "score")
    def _check_absent_score(self):
        for assessment in self:
            if not assessment.attended and assessment.score:
                raise ValidationError(
                    self.env._(
                        "%(employee)s did not attend %(assessment)s: an absent "
                        "employee has no score (it counts as 0).",
                        employee=assessment.employee_id.name,
                        assessment=assessment.title,
                    )
                )

    @api.model
    def _counts_by_employee_month(self, employees, months):
        """``{(employee_id, month): {measure: number}}``; pairs without
        assessments absent.

        For each kind (``KIND_PLURALS``): ``exams`` counts the exams, absent
        or not; ``exams_attended`` and ``exams_passed`` those attended and
        passed; ``exam_score_sum`` adds their scores (0 for the absent). The
        mean score is ``exam_score_sum / exams``, absences counting 0. The
        latest score is not additive: read it from
        ``_facts_by_employee_month``. One query.
        """
        counts = {}
        # sudo: an appraisal counts every assessment of its employees, also
        # those the user computing it cannot read.
        for (
            employee,
            month,
            kind,
            attended,
            passed,
            count,
            score_sum,
        ) in self.sudo()._read_group(
            self._employee_month_domain(employees, months),
            ["employee_id", "month:day", "kind", "attended", "passed"],
            ["__count", "score:sum"],
        ):
            measures = counts.setdefault((employee.id, month), _empty_measures())
            plural = KIND_PLURALS[kind]
            measures[plural] += count
            measures[f"{kind}_score_sum"] += score_sum
            if attended:
                measures[f"{plural}_attended"] += count
            if passed:
                measures[f"{plural}_passed"] += count
        return counts

    @api.model
    def _facts_by_employee_month(self, employees, months):
        """``{(employee_id, month): assessments}``, latest first, with one
        search (as superuser, like ``_counts_by_employee_month``)."""
        assessments = self.sudo().search(self._employee_month_domain(employees, months))
        return assessments.grouped(
            lambda assessment: (assessment.employee_id.id, assessment.month)
        )

    def _audit_message(self, field_labels):
        return self.env._(
            "%(fields)s of an assessment are recorded by the module: the "
            "supervisor who records it and the month of its date. They cannot "
            "be written.",
            fields=field_labels,
        )

    def _fact_label(self):
        return self.env._("Assessment")

    def _about_self_message(self):
        return self.env._(
            "Assessment %(assessment)s is your own: ask another "
            "supervisor to record or change it.",
            assessment=self.display_name,
        )
