# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form

from .common import SUPERVISOR_GROUP, AppraisalCommon

OCTOBER = date(2026, 10, 1)
NOVEMBER = date(2026, 11, 1)
OCTOBER_END = date(2026, 10, 31)
# (count, attended, passed, score sum) of one kind.
NO_KIND = (0, 0, 0, 0.0)


def measures(
    exams=NO_KIND, skill_tests=NO_KIND, trainings=NO_KIND, competitions=NO_KIND
):
    """The measures of one employee and month, from the numbers of each kind
    (count, attended, passed, score sum)."""
    result = {}
    for plural, singular, numbers in (
        ("exams", "exam", exams),
        ("skill_tests", "skill_test", skill_tests),
        ("trainings", "training", trainings),
        ("competitions", "competition", competitions),
    ):
        count, attended, passed, score_sum = numbers
        result.update(
            {
                plural: count,
                f"{plural}_attended": attended,
                f"{plural}_passed": passed,
                f"{singular}_score_sum": score_sum,
            }
        )
    return result


class AssessmentCommon(AppraisalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Assessment = cls.env["helpdesk.appraisal.assessment"]

    @classmethod
    def _record(cls, employee, day="2026-10-20", user=None, **values):
        """An assessment of ``employee``, recorded as the supervisor."""
        return cls.Assessment.with_user(user or cls.supervisor_user).create(
            {
                "employee_id": employee.id,
                "title": "Product knowledge",
                "date": day,
                **values,
            }
        )

    def _counts(self, employees, months):
        self.env.flush_all()
        self.env.invalidate_all()
        return self.Assessment._counts_by_employee_month(employees, months)


class TestAssessment(AssessmentCommon):
    def test_counts_by_employee_and_month_computed_by_hand(self):
        # A in October: an exam at 85, an exam missed, a skill test at 55
        # (pass mark 60), a training at 100; B: an exam at exactly 60.
        # A in November: an exam at 90.
        exam = self._record(self.engineer_a, "2026-10-03", score=85.0)
        self._record(self.engineer_a, "2026-10-31", attended=False)
        self._record(self.engineer_a, "2026-10-15", kind="skill_test", score=55.0)
        self._record(self.engineer_a, "2026-10-16", kind="training", score=100.0)
        self._record(self.engineer_b, "2026-10-20", score=60.0)
        november = self._record(self.engineer_a, "2026-11-02", score=90.0)
        staff = self.engineer_a | self.engineer_b | self.engineer_c
        october_a = measures(
            exams=(2, 1, 1, 85.0),
            skill_tests=(1, 1, 0, 55.0),
            trainings=(1, 1, 1, 100.0),
        )
        october_b = measures(exams=(1, 1, 1, 60.0))
        # C has no assessment: absent from the result.
        self.assertEqual(
            self._counts(staff, [OCTOBER]),
            {
                (self.engineer_a.id, OCTOBER): october_a,
                (self.engineer_b.id, OCTOBER): october_b,
            },
        )
        counts = self._counts(staff, [OCTOBER, NOVEMBER])
        self.assertEqual(len(counts), 3)
        self.assertEqual(
            counts[(self.engineer_a.id, NOVEMBER)],
            measures(exams=(1, 1, 1, 90.0)),
        )
        # The mean exam score of A in October counts the absence as 0:
        # (85 + 0) / 2 = 42.5 (KPI_SPEC Q3).
        october = counts[(self.engineer_a.id, OCTOBER)]
        self.assertEqual(october["exam_score_sum"] / october["exams"], 42.5)
        # The latest score is read from the facts, latest first.
        facts = self.Assessment._facts_by_employee_month(staff, [OCTOBER, NOVEMBER])
        self.assertEqual(
            set(facts),
            {
                (self.engineer_a.id, OCTOBER),
                (self.engineer_b.id, OCTOBER),
                (self.engineer_a.id, NOVEMBER),
            },
        )
        october_facts = facts[(self.engineer_a.id, OCTOBER)]
        self.assertEqual(len(october_facts), 4)
        self.assertEqual(october_facts[0].date, OCTOBER_END)
        self.assertEqual(
            october_facts.filtered(lambda a: a.kind == "exam" and a.attended), exam
        )
        self.assertEqual(facts[(self.engineer_a.id, NOVEMBER)], november)

    def test_counts_in_constant_queries_at_two_sizes(self):
        self._record(self.engineer_a, score=70.0)
        employees = self.engineer_a | self.engineer_b | self.engineer_c
        months = [date(2026, month, 1) for month in range(7, 12)]
        self.env.flush_all()
        with self.assertQueryCount(1):
            counts = self._counts(self.engineer_a, [OCTOBER])
        self.assertEqual(len(counts), 1)
        self.env.flush_all()
        with self.assertQueryCount(2):
            self.env.invalidate_all()
            facts = self.Assessment._facts_by_employee_month(self.engineer_a, [OCTOBER])
        self.assertEqual(len(facts), 1)
        # Ten times more assessments, employees and months: as many queries.
        for employee in employees:
            for month in months:
                for kind in ("exam", "skill_test", "training", "competition"):
                    self._record(
                        employee, month, user=self.manager_user, kind=kind, score=65.0
                    )
        self.env.flush_all()
        with self.assertQueryCount(1):
            counts = self._counts(employees, months)
        self.assertEqual(len(counts), 15)
        self.assertEqual(
            counts[(self.engineer_c.id, OCTOBER)]["competition_score_sum"], 65.0
        )
        self.assertEqual(counts[(self.engineer_a.id, OCTOBER)]["exams"], 2)
        self.env.flush_all()
        with self.assertQueryCount(2):
            self.env.invalidate_all()
            facts = self.Assessment._facts_by_employee_month(employees, months)
        self.assertEqual(len(facts), 15)
        self.assertEqual(sum(len(records) for records in facts.values()), 61)

    def test_passed_needs_attendance_and_the_pass_mark(self):
        at_mark = self._record(self.engineer_a, score=60.0)
        below = self._record(self.engineer_a, score=59.5)
        absent = self._record(self.engineer_a, attended=False)
        own_mark = self._record(self.engineer_a, score=75.0, pass_mark=80.0)
        self.assertRecordValues(
            at_mark | below | absent | own_mark,
            [
                {"pass_mark": 60.0, "passed": True, "score": 60.0},
                {"pass_mark": 60.0, "passed": False, "score": 59.5},
                {"pass_mark": 60.0, "passed": False, "score": 0.0},
                {"pass_mark": 80.0, "passed": False, "score": 75.0},
            ],
        )
        self.assertEqual(at_mark.month, OCTOBER)
        self.assertEqual(at_mark.user_id, self.supervisor_user)
        # A new pass mark in the settings: new assessments take it, recorded
        # ones keep theirs.
        self.env.company.appraisal_assessment_pass_mark = 50.0
        later = self._record(self.engineer_a, score=55.0)
        self.assertRecordValues(
            later | below,
            [
                {"pass_mark": 50.0, "passed": True},
                {"pass_mark": 60.0, "passed": False},
            ],
        )
        # Lowering a recorded pass mark passes it.
        below.with_user(self.supervisor_user).pass_mark = 55.0
        self.assertTrue(below.passed)

    def test_an_absent_employee_has_no_score(self):
        with Form(self.Assessment.with_user(self.supervisor_user)) as form:
            form.employee_id = self.engineer_a
            form.title = "Safety exam"
            form.date = date(2026, 10, 12)
            form.score = 80.0
            form.attended = False
            self.assertEqual(form.score, 0.0)
        self.assertRecordValues(form.record, [{"score": 0.0, "passed": False}])
        with self.assertRaisesText(ValidationError, "an absent employee has no score"):
            self._record(self.engineer_b, attended=False, score=50.0)
        attended = self._record(self.engineer_b, score=50.0)
        with self.assertRaisesText(ValidationError, "did not attend"):
            attended.with_user(self.supervisor_user).write(
                {"attended": False, "score": 50.0}
            )
        self.assertEqual(
            self.Assessment.search([]), form.record | attended, "nothing else written"
        )
        self.assertRecordValues(attended, [{"attended": True, "score": 50.0}])

    def test_bad_numbers_are_refused_with_their_field_named(self):
        cases = (
            ({"score": 120.0}, "Score must lie between 0 and 100"),
            ({"score": -1.0}, "Score must lie between 0 and 100"),
            ({"score": math.nan}, "Score must be a finite number"),
            ({"pass_mark": -5.0}, "Pass Mark must lie between 0 and 100"),
            ({"pass_mark": math.inf}, "Pass Mark must be a finite number"),
            ({"date": date(1999, 12, 31)}, "Date must lie between"),
        )
        assessment = self._record(self.engineer_a, score=70.0)
        for values, message in cases:
            with self.subTest(values=values):
                with self.assertRaisesText(ValidationError, message):
                    self._record(self.engineer_b, **values)
                with self.assertRaisesText(ValidationError, message):
                    assessment.with_user(self.supervisor_user).write(values)
        self.assertEqual(self.Assessment.search([]), assessment)
        self.assertRecordValues(
            assessment, [{"score": 70.0, "pass_mark": 60.0, "date": date(2026, 10, 20)}]
        )

    def test_settings_refuse_a_bad_pass_mark(self):
        # The settings page, as the administrator saves it.
        Settings = self.env["res.config.settings"]
        for value, message in (
            (-1.0, "must lie between 0 and 100"),
            (101.0, "must lie between 0 and 100"),
            (math.nan, "must be a finite number"),
        ):
            with self.assertRaisesText(ValidationError, message):
                Settings.create({"appraisal_assessment_pass_mark": value})
        self.assertEqual(self.env.company.appraisal_assessment_pass_mark, 60.0)
        Settings.create({"appraisal_assessment_pass_mark": 70.0}).execute()
        self.assertEqual(self.env.company.appraisal_assessment_pass_mark, 70.0)


class TestAssessmentAccess(AssessmentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.assessment_a = cls._record(cls.engineer_a, score=80.0)
        cls.assessment_b = cls._record(cls.engineer_b, score=40.0)
        cls.assessment_c = cls._record(cls.engineer_c, user=cls.manager_user)

    def test_engineer_reads_only_their_own(self):
        Assessment = self.Assessment.with_user(self.engineer_a_user)
        self.assertEqual(Assessment.search([]), self.assessment_a)
        self.assertEqual(self.assessment_a.with_user(self.engineer_a_user).score, 80.0)
        with self.assertRaises(AccessError):
            self.assessment_b.with_user(self.engineer_a_user).read(["score"])

    def test_engineer_cannot_record_or_change_an_assessment(self):
        own = self.assessment_a.with_user(self.engineer_a_user)
        with self.assertRaises(AccessError):
            self._record(self.engineer_a, user=self.engineer_a_user, score=100.0)
        with self.assertRaises(AccessError):
            own.score = 100.0
        with self.assertRaises(AccessError):
            own.write({"attended": False})
        with self.assertRaises(AccessError):
            own.unlink()
        self.assertRecordValues(self.assessment_a, [{"score": 80.0, "attended": True}])

    def test_supervisor_records_their_team_only(self):
        Assessment = self.Assessment.with_user(self.supervisor_user)
        self.assertEqual(
            Assessment.search([("id", "in", self._all().ids)]),
            self.assessment_a | self.assessment_b,
        )
        self.assessment_b.with_user(self.supervisor_user).score = 65.0
        self.assertTrue(self.assessment_b.passed)
        with self.assertRaises(AccessError):
            self._record(self.engineer_c, score=90.0)
        with self.assertRaises(AccessError):
            self.assessment_c.with_user(self.supervisor_user).score = 90.0
        with self.assertRaisesText(UserError, "is your own"):
            self._record(self.supervisor, score=100.0)
        with self.assertRaisesText(UserError, "is your own"):
            self.assessment_a.with_user(
                self.supervisor_user
            ).employee_id = self.supervisor
        self.assertEqual(
            self._all(), self.assessment_a | self.assessment_b | self.assessment_c
        )
        # A mistaken assessment of an open month may be deleted.
        self.assessment_b.with_user(self.supervisor_user).unlink()
        self.assertFalse(self.assessment_b.exists())

    def test_manager_records_anyone(self):
        self._record(self.engineer_c, user=self.manager_user, score=90.0)
        self.assessment_c.with_user(self.manager_user).write(
            {"attended": True, "score": 95.0}
        )
        self.assertTrue(self.assessment_c.passed)

    def test_recorded_fields_cannot_be_forged(self):
        with self.assertRaisesText(AccessError, "recorded by the module"):
            self._record(self.engineer_a, user_id=self.manager_user.id)
        with self.assertRaisesText(AccessError, "recorded by the module"):
            self._record(self.engineer_a, month="2026-09-01")
        with self.assertRaisesText(AccessError, "recorded by the module"):
            self.assessment_a.with_user(self.supervisor_user).write(
                {"user_id": self.manager_user.id}
            )
        self.assertEqual(
            self._all(), self.assessment_a | self.assessment_b | self.assessment_c
        )
        self.assertEqual(self.assessment_a.user_id, self.supervisor_user)

    def test_companies_are_kept_apart(self):
        branch = self.env["res.company"].create({"name": "Branch"})
        self.manager_user.company_ids = [Command.link(branch.id)]
        branch_employee = self.env["hr.employee"].create(
            {"name": "Branch Engineer", "company_id": branch.id}
        )
        Assessment = self.Assessment.with_user(self.manager_user).with_context(
            allowed_company_ids=[branch.id]
        )
        branch_exam = Assessment.create(
            {
                "employee_id": branch_employee.id,
                "title": "Branch exam",
                "date": "2026-10-20",
                "score": 75.0,
            }
        )
        self.assertEqual(branch_exam.company_id, branch)
        self.assertEqual(Assessment.search([]), branch_exam)
        # An assessment of the main company cannot be about the branch's
        # employee.
        with self.assertRaisesText(UserError, "Incompatible companies"):
            self._record(branch_employee, user=self.manager_user, score=10.0)
        # The supervisor of the main company does not see the branch.
        self.assertNotIn(
            branch_exam, self.Assessment.with_user(self.supervisor_user).search([])
        )
        counts = self.Assessment._counts_by_employee_month(branch_employee, [OCTOBER])
        self.assertEqual(counts[(branch_employee.id, OCTOBER)]["exam_score_sum"], 75.0)

    def test_a_locked_month_keeps_its_assessments(self):
        self.env.company.with_user(self.manager_user)._set_appraisal_lock_date(
            OCTOBER_END, "October is closed"
        )
        assessment = self.assessment_b.with_user(self.supervisor_user)
        for write in (
            lambda: assessment.write({"score": 90.0}),
            lambda: assessment.write({"date": date(2026, 11, 3)}),
            assessment.unlink,
            lambda: self._record(self.engineer_b, "2026-10-30", score=90.0),
        ):
            with self.assertRaisesText(UserError, "locked up to"):
                write()
        # Nor into a locked month.
        november = self._record(self.engineer_b, "2026-11-03", score=90.0)
        with self.assertRaisesText(UserError, "locked up to"):
            november.with_user(self.supervisor_user).date = date(2026, 10, 30)
        self.assertRecordValues(
            self.assessment_b, [{"score": 40.0, "date": date(2026, 10, 20)}]
        )
        self.assertEqual(november.date, date(2026, 11, 3))

    def test_employee_and_recorder_are_archived_not_deleted(self):
        recorder, recorder_employee = self._create_user_employee(
            "recorder", "Recorder Ru", SUPERVISOR_GROUP
        )
        newcomer = self.env["hr.employee"].create(
            {"name": "Newcomer", "parent_id": recorder_employee.id}
        )
        self.Assessment.with_user(recorder).create(
            {"employee_id": newcomer.id, "title": "Induction", "date": "2026-11-02"}
        )
        with self.assertRaisesText(UserError, "archive the employee"):
            newcomer.unlink()
        with self.assertRaisesText(UserError, "archive the user"):
            recorder.unlink()
        self.assertTrue(newcomer.exists() and recorder.exists())

    def test_screens(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_engineer_appraisal.helpdesk_appraisal_assessment_action"
        )
        self.assertEqual(action["res_model"], "helpdesk.appraisal.assessment")
        menu = self.env.ref(
            "helpdesk_engineer_appraisal.helpdesk_appraisal_assessment_menu"
        )
        self.assertEqual(
            menu.parent_id,
            self.env.ref(
                "helpdesk_engineer_appraisal.helpdesk_quality_finding_menu"
            ).parent_id,
        )
        # The engineer opens the screens of their own assessments.
        Assessment = self.Assessment.with_user(self.engineer_a_user)
        views = Assessment.get_views(
            [(False, view_type) for view_type in ("list", "form", "pivot", "search")]
        )
        self.assertEqual(set(views["views"]), {"list", "form", "pivot", "search"})

    def _all(self):
        return self.Assessment.search([])
