# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError

from .appraisal_common import OCTOBER
from .kpi_common import KpiSheetCommon

NOVEMBER = date(2026, 11, 1)
# The metrics of complaints, findings by kind, assessments and reports.
FACT_METRICS = (
    "complaints",
    "complaint_deduction",
    "complaint_rate",
    "findings",
    "finding_deduction",
    "exam_score",
    "exam_pass_rate",
    "trainings",
    "report_on_time_rate",
    "late_reports",
)


class KpiFactsCommon(KpiSheetCommon):
    """The policy P5 example's October (A: 36 valid orders, 2 unqualified
    work logs; B: 6 valid orders) plus, in October, recorded by the
    supervisor:

    - complaints: c1 against A by the hotline (10), c2 against A to the
      general manager (20), c3 against A by the hotline found not
      attributable, c4 against A and B from another department (2), c5
      against A from an HR field visit (10) withdrawn, c6 against B by the
      hotline with its deduction lowered to 8; all but c3 verified
      attributable;
    - findings: A two false records (5, and one lowered to 3), an unrecorded
      outing (5), a work error (3) and a false record withdrawn; B a report
      error (1) and a rule violation raised to 4;
    - assessments: A an exam at 85, an exam missed, a skill test at 55 (pass
      mark 60), a training attended and one missed; B an exam at 60;
    - tasks of A: four weekly reports due on the Fridays 9, 16, 23 and 30
      October, done on the 9th, on the 17th (late), on the 23rd, and still
      open; an inspection due on the 20th done that day.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Metric = cls.env["helpdesk.appraisal.metric"]
        supervisor = cls.supervisor_user
        a, b = cls.engineer_a, cls.engineer_b
        cls.complaints = (
            cls.env["helpdesk.complaint"]
            .with_user(supervisor)
            .create(
                [
                    {
                        "description": description,
                        "date": day,
                        "channel": channel,
                        "employee_ids": [Command.set(employees.ids)],
                    }
                    for description, day, channel, employees in (
                        ("c1", "2026-10-05", "hotline", a),
                        ("c2", "2026-10-12", "general_manager", a),
                        ("c3", "2026-10-13", "hotline", a),
                        ("c4", "2026-10-20", "other_department", a | b),
                        ("c5", "2026-10-21", "field_visit", a),
                        ("c6", "2026-10-31", "hotline", b),
                    )
                ]
            )
        )
        c1, c2, c3, c4, c5, c6 = cls.complaints
        c6.deduction = 8
        (c1 | c2 | c4 | c5 | c6).action_verify_attributable()
        c3.action_verify_not_attributable()
        c5.withdrawal_reason = "Recorded twice"
        c5.action_withdraw()
        cls.findings_kinds = (
            cls.env["helpdesk.quality.finding"]
            .with_user(supervisor)
            .create(
                [
                    {
                        "kind": kind,
                        "employee_id": employee.id,
                        "reason": "Seen by the supervisor",
                        "date": day,
                    }
                    for kind, employee, day in (
                        ("false_record", a, "2026-10-06"),
                        ("false_record", a, "2026-10-07"),
                        ("unrecorded_outing", a, "2026-10-08"),
                        ("work_error", a, "2026-10-09"),
                        ("false_record", a, "2026-10-10"),
                        ("report_error", b, "2026-10-11"),
                        ("rule_violation", b, "2026-10-12"),
                    )
                ]
            )
        )
        cls.findings_kinds[1].deduction = 3
        cls.findings_kinds[6].deduction = 4
        withdrawn = cls.findings_kinds[4]
        withdrawn.withdrawal_reason = "Another engineer's record"
        withdrawn.action_withdraw()
        cls.assessments = (
            cls.env["helpdesk.appraisal.assessment"]
            .with_user(supervisor)
            .create(
                [
                    {
                        "employee_id": employee.id,
                        "title": f"{kind} {index}",
                        "kind": kind,
                        "date": "2026-10-15",
                        "attended": attended,
                        "score": score,
                    }
                    for index, (employee, kind, attended, score) in enumerate(
                        (
                            (a, "exam", True, 85),
                            (a, "exam", False, 0),
                            (a, "skill_test", True, 55),
                            (a, "training", True, 0),
                            (a, "training", False, 0),
                            (b, "exam", True, 60),
                        )
                    )
                ]
            )
        )
        tasks = cls.env["project.task"].create(
            [
                {
                    "name": f"Weekly feedback report {day}",
                    "project_id": cls.project.id,
                    "is_appraisal_task": True,
                    "appraisal_task_kind": kind,
                    "user_ids": [Command.set(cls.engineer_a_user.ids)],
                    "date_deadline": f"2026-10-{day} 12:00:00",
                }
                for kind, day in (
                    ("report", "09"),
                    ("report", "16"),
                    ("report", "23"),
                    ("report", "30"),
                    ("inspection", "20"),
                )
            ]
        )
        cls.reports = tasks[:4]
        cls._done_at(tasks[0], "2026-10-09 15:00")
        cls._done_at(tasks[1], "2026-10-17 09:00")
        cls._done_at(tasks[2], "2026-10-23 17:00")
        cls._done_at(tasks[4], "2026-10-20 16:00")
        cls.env["project.task"]._refresh_execution_status()
        cls.env.flush_all()
        cls.employees = a | b

    def _metric(self, code, months=(OCTOBER,), **parameters):
        values = self.Metric._compute_metric(
            code, self.employees, months, tuple(parameters.items())
        )
        return values[self.engineer_a.id], values[self.engineer_b.id]


class TestKpiMetricFacts(KpiFactsCommon):
    def test_complaints(self):
        # A: c1 + c2 + c4 (c3 not attributable, c5 withdrawn) = 3, deductions
        # 10 + 20 + 2 = 32; B: c4 + c6 = 2, deductions 2 + 8 = 10.
        self.assertEqual(self._metric("complaints"), ((3, 3, 1.0), (2, 2, 1.0)))
        self.assertEqual(
            self._metric("complaint_deduction"), ((32, 32, 1.0), (10, 10, 1.0))
        )
        # Of one channel: the hotline, A c1 (10), B c6 (8); the general
        # manager, A c2 (20); field visits, c5 withdrawn: none.
        self.assertEqual(
            self._metric("complaints", complaint_channel="hotline"),
            ((1, 1, 1.0), (1, 1, 1.0)),
        )
        self.assertEqual(
            self._metric("complaint_deduction", complaint_channel="hotline"),
            ((10, 10, 1.0), (8, 8, 1.0)),
        )
        self.assertEqual(
            self._metric("complaint_deduction", complaint_channel="general_manager"),
            ((20, 20, 1.0), (0, 0, 1.0)),
        )
        self.assertEqual(
            self._metric("complaints", complaint_channel="field_visit"),
            ((0, 0, 1.0), (0, 0, 1.0)),
        )
        # Per 100 valid orders: A 3 / 36 = 8.33 %, B 2 / 6 = 33.33 %; of the
        # hotline, A 1 / 36 = 2.78 %.
        (value_a, *ratio_a), (value_b, *ratio_b) = self._metric("complaint_rate")
        self.assertAlmostEqual(value_a, 300 / 36)
        self.assertAlmostEqual(value_b, 200 / 6)
        self.assertEqual((ratio_a, ratio_b), ([3, 36], [2, 6]))
        value, *_ratio = self._metric("complaint_rate", complaint_channel="hotline")[0]
        self.assertAlmostEqual(value, 100 / 36)
        # November: no order, no complaint: no rate.
        self.assertEqual(
            self._metric("complaint_rate", (NOVEMBER,)),
            ((None, 0, 0), (None, 0, 0)),
        )

    def test_findings_by_kind(self):
        # A: false records 2 (5 + 3 = 8; the third is withdrawn), an
        # unrecorded outing (5), a work error (3), and the 2 work logs of
        # the example (1 each); B: a report error (1), a rule violation (4).
        self.assertEqual(
            self._metric("findings", finding_kind="false_record"),
            ((2, 2, 1.0), (0, 0, 1.0)),
        )
        self.assertEqual(
            self._metric("finding_deduction", finding_kind="false_record"),
            ((8, 8, 1.0), (0, 0, 1.0)),
        )
        self.assertEqual(
            self._metric("finding_deduction", finding_kind="unrecorded_outing"),
            ((5, 5, 1.0), (0, 0, 1.0)),
        )
        self.assertEqual(
            self._metric("finding_deduction", finding_kind="rule_violation"),
            ((0, 0, 1.0), (4, 4, 1.0)),
        )
        # Every kind: A 2 + 1 + 1 + 2 = 6, 8 + 5 + 3 + 2 = 18; B 2, 1 + 4 = 5.
        self.assertEqual(self._metric("findings"), ((6, 6, 1.0), (2, 2, 1.0)))
        self.assertEqual(
            self._metric("finding_deduction"), ((18, 18, 1.0), (5, 5, 1.0))
        )
        # The codes of the default template are unchanged.
        self.assertEqual(self._metric("findings_work_log"), ((2, 2, 1.0), (0, 0, 1.0)))
        self.assertEqual(
            self._metric("findings", finding_kind="work_log"),
            ((2, 2, 1.0), (0, 0, 1.0)),
        )

    def test_assessments(self):
        # Exams: A (85 + 0 for the absence) / 2 = 42.5, passed 1 of 2 = 50 %;
        # B 60 / 1 = 60, passed 1 of 1 (60 is the pass mark).
        self.assertEqual(self._metric("exam_score"), ((42.5, 85, 2), (60, 60, 1)))
        self.assertEqual(self._metric("exam_pass_rate"), ((50, 1, 2), (100, 1, 1)))
        # Skill tests: A 55 below the pass mark 60; B none: no data.
        self.assertEqual(
            self._metric("exam_score", assessment_kind="skill_test"),
            ((55, 55, 1), (None, 0.0, 0.0)),
        )
        self.assertEqual(
            self._metric("exam_pass_rate", assessment_kind="skill_test"),
            ((0, 0, 1), (None, 0.0, 0.0)),
        )
        # Trainings attended: A 1 (the missed one does not count), B 0; the
        # exams attended: A 1, B 1.
        self.assertEqual(self._metric("trainings"), ((1, 1, 1.0), (0, 0, 1.0)))
        self.assertEqual(
            self._metric("trainings", assessment_kind="exam"),
            ((1, 1, 1.0), (1, 1, 1.0)),
        )
        # A quarter: November adds an exam at 95 for A: (85 + 0 + 95) / 3.
        self.env["helpdesk.appraisal.assessment"].with_user(
            self.supervisor_user
        ).create(
            {
                "employee_id": self.engineer_a.id,
                "title": "November exam",
                "date": "2026-11-10",
                "score": 95,
            }
        )
        self.env.flush_all()
        quarter = (OCTOBER, NOVEMBER, date(2026, 12, 1))
        self.assertEqual(self._metric("exam_score", quarter)[0], (60, 180, 3))

    def test_reports(self):
        # A's reports: on time the 9th and 23rd, late the 16th, open past the
        # 30th: 2 / 4 = 50 %, 2 late; the inspection is no report. B has no
        # report: no rate, none late.
        self.assertEqual(
            self._metric("report_on_time_rate"), ((50, 2, 4), (None, 0.0, 0.0))
        )
        self.assertEqual(self._metric("late_reports"), ((2, 2, 1.0), (0, 0, 1.0)))
        # Every appraised task of A: 3 on time of 5.
        self.assertEqual(self._metric("task_on_time_rate")[0], (60, 3, 5))

    def test_sheet_lines_take_their_parameters(self):
        """Two lines of one metric with different parameters each compute
        their own value, and open their own facts."""
        self.template.line_ids = [
            Command.create(values)
            for values in (
                {
                    "name": "Hotline complaints",
                    "metric": "complaint_deduction",
                    "complaint_channel": "hotline",
                    "rule_kind": "per_unit",
                    "weight": 10,
                    "start": 10,
                    "per_unit": -1,
                },
                {
                    "name": "Complaints to the general manager",
                    "metric": "complaint_deduction",
                    "complaint_channel": "general_manager",
                    "rule_kind": "per_unit",
                    "weight": 30,
                    "start": 30,
                    "per_unit": -1,
                },
                {
                    "name": "False records",
                    "metric": "findings",
                    "finding_kind": "false_record",
                    "rule_kind": "per_unit",
                    "weight": 20,
                    "start": 20,
                    "per_unit": -5,
                },
                {
                    "name": "Skill tests",
                    "metric": "exam_score",
                    "assessment_kind": "skill_test",
                    "rule_kind": "proportional",
                    "weight": 10,
                    "target": 100,
                },
            )
        ]
        sheet = self._generate_sheets().filtered(
            lambda sheet: sheet.employee_id == self.engineer_a
        )
        hotline, manager, false_records, skill_tests = sheet.line_ids[-4:]
        # 10 - 10 = 0; 30 - 20 = 10; 20 - 5 x 2 = 10; 10 x 55 / 100 = 5.5.
        self.assertEqual(
            [line.points for line in (hotline, manager, false_records, skill_tests)],
            [0.0, 10.0, 10.0, 5.5],
        )
        self.assertEqual(false_records.formula, "20 - 5 x 2 = 10")
        # The sheet lines keep the parameters they were computed with.
        self.assertEqual(
            [hotline.complaint_channel, false_records.finding_kind],
            ["hotline", "false_record"],
        )
        # Copied, never written: a supervisor cannot point a line at other
        # facts.
        with self.assertRaisesText(AccessError, "only manual values"):
            hotline.with_user(self.supervisor_user).complaint_channel = "callback"
        self.assertEqual(hotline.complaint_channel, "hotline")
        c1, c2 = self.complaints[:2]
        for line, facts in (
            (hotline, c1),
            (manager, c2),
            (false_records, self.findings_kinds[:2]),
            (skill_tests, self.assessments[2]),
        ):
            action = line.with_user(self.supervisor_user).action_view_facts()
            model = self.env[action["res_model"]].with_user(self.supervisor_user)
            self.assertEqual(model.search(action["domain"]), facts, line.name)

    def test_drill_down_of_each_metric(self):
        months = [OCTOBER]
        c1, c2, _c3, c4 = self.complaints[:4]
        for code, parameters, expected in (
            # Attributable and active: c3 is not, c5 is withdrawn.
            ("complaints", (), c1 | c2 | c4),
            ("complaint_rate", (("complaint_channel", "hotline"),), c1),
            ("late_reports", (), self.reports[1] | self.reports[3]),
            ("report_on_time_rate", (), self.reports),
            ("trainings", (), self.assessments[3]),
            ("exam_pass_rate", (), self.assessments[:2]),
            (
                "finding_deduction",
                (("finding_kind", "work_error"),),
                self.findings_kinds[3],
            ),
        ):
            action = self.Metric._facts_action(
                code, self.engineer_a, months, "Facts", parameters
            )
            self.assertEqual(
                self.env[action["res_model"]].search(action["domain"]),
                expected,
                code,
            )

    def test_labels_in_chinese(self):
        self._load_chinese()
        labels = dict(
            self.env["helpdesk.appraisal.sheet.template.line"]
            ._fields["metric"]
            ._description_selection(self.env(context={"lang": "zh_CN"}))
        )
        self.assertEqual(labels["complaints"], "可归责投诉")
        self.assertEqual(labels["exam_score"], "考试成绩(平均分)")
        self.assertEqual(labels["report_on_time_rate"], "报告按时率(%)")
        # A parameter shows the labels of its facts' own field.
        channels = dict(
            self.env["helpdesk.appraisal.sheet.template.line"]
            ._fields["complaint_channel"]
            ._description_selection(self.env(context={"lang": "zh_CN"}))
        )
        self.assertEqual(channels["hotline"], "投诉电话")

    def test_each_metric_in_constant_queries(self):
        """With and without parameters, the reads do not grow with the
        employees and months."""
        others = self.env["hr.employee"].create(
            [{"name": f"Engineer {index}"} for index in range(8)]
        )
        self._create_tickets(
            count=2, engineers=others[:4], difficulty=self.level_standard
        )
        self.env["helpdesk.complaint"].create(
            {
                "description": "Late",
                "date": "2026-10-14",
                "employee_ids": [Command.set(others[:3].ids)],
            }
        ).action_verify_attributable()
        self.env["helpdesk.appraisal.assessment"].create(
            [
                {"employee_id": employee.id, "title": "Exam", "date": "2026-10-15"}
                for employee in others
            ]
        )
        self.env.flush_all()
        for code, parameters in [(code, ()) for code in FACT_METRICS] + [
            ("complaints", (("complaint_channel", "hotline"),)),
            ("complaint_rate", (("complaint_channel", "general_manager"),)),
            ("finding_deduction", (("finding_kind", "false_record"),)),
            ("exam_pass_rate", (("assessment_kind", "skill_test"),)),
        ]:
            self.env.invalidate_all()
            with self._capture_reads() as few:
                self.Metric._compute_metric(code, self.employees, [OCTOBER], parameters)
            self.env.invalidate_all()
            with self._capture_reads() as many:
                values = self.Metric._compute_metric(
                    code, self.employees | others, [OCTOBER, NOVEMBER], parameters
                )
            self.assertEqual(len(many), len(few), code)
            self.assertEqual(len(values), 10, code)
