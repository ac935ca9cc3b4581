# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo import Command
from odoo.tests import tagged

from .kpi_timeliness_common import KpiTimelinessCommon

OCTOBER = date(2026, 10, 1)
XMLID = "helpdesk_engineer_appraisal.sheet_template_004{}"


@tagged("post_install", "-at_install")
class TestKpiShippedTemplatesTimeliness(KpiTimelinessCommon):
    """The shipped templates 004-A, 004-I, 004-L and 004-M computed end to
    end from orders, responses, visits, closings, callbacks, reworks, QA and
    tasks recorded at frozen moments, every line compared with the seed's
    rules worked by hand (KPI_SPEC 1.4, 1.5 defaults).

    Working hours 08:00-12:00 and 13:00-17:00, Monday to Friday (8 hours a
    day, 004-B); 5 October 2026 is a Monday. October:

    ===  ====  ==========  ========  =========  ========  ===========  =====
    ord  eng   requested   response  on site    closed    handling     call
    ===  ====  ==========  ========  =========  ========  ===========  =====
    O1   A     Mon 5 9:00  9:20: 20  10-11:30   Mon 14:00 3+1 = 4 h    sat.
    O2   A     Mon 5 13:00 14:00: 60 Tue 9-11   Wed 15:00 4+8+4+2 = 18 diss.
    O3   A     Wed 7 10:00 10:10: 10 11-12      Wed 16:00 2+3 = 5 h    sat.
    O4   A     Fri 9 16:30 Mon 8:24: 54 Mon 10-12 Mon 16:30 .5+4+3.5 = 8 unr.
    O5   B     Tue 6 9:00  10:00: 60 11-12      Thu 8 9:00 3+4+8+1 = 16 sat.
    ===  ====  ==========  ========  =========  ========  ===========  =====

    Callbacks: O1, O3 and O5 satisfied and confirmed (resolved), O2
    dissatisfied and not confirmed (not resolved), O4 unreachable (no
    resolution: no data). O2 is reworked on 19 October (engineer C's order,
    within the 30-day window). QA: O1, O3 and O5 pass, O2 fails. A has 4
    appraised tasks due on 20 October, 3 of them done.

    A in October: response (20 + 60 + 10 + 54) / 4 = 36 minutes, 2 of 4
    within 30; handling (4 + 18 + 5 + 8) / 4 = 8.75 working hours, 3 of 4
    within 8 (O4's 8 hours is within); first-time fixes 3 of 4, reworks 1
    of 4; resolved 2 of 3; QA passed 2 of 3; satisfied 2 of 3 answered
    callbacks (the unreachable one left out); tasks done 3 of 4; an exam
    scored 72, a skill test 54, a training attended; 2 work errors found.
    B: response 60, handling 16, everything else 1 of 1, no task, an exam
    scored 45, no skill test, no work error.
    """

    def setUp(self):
        super().setUp()
        a, b = self.engineer_a, self.engineer_b
        self.o1 = self._order_of(
            a, datetime(2026, 10, 5, 9, 0), responded_at=datetime(2026, 10, 5, 9, 20)
        )
        self._visit(
            self.engineer_a_user,
            self.o1,
            datetime(2026, 10, 5, 10, 0),
            datetime(2026, 10, 5, 11, 30),
        )
        self._at(datetime(2026, 10, 5, 14, 0), self.o1, self.done)
        self._callback(self.o1, datetime(2026, 10, 6, 10, 0), "satisfied", True)
        self._qa(self.o1, "pass", date(2026, 10, 6))

        self.o2 = self._order_of(
            a, datetime(2026, 10, 5, 13, 0), responded_at=datetime(2026, 10, 5, 14, 0)
        )
        self._visit(
            self.engineer_a_user,
            self.o2,
            datetime(2026, 10, 6, 9, 0),
            datetime(2026, 10, 6, 11, 0),
        )
        self._at(datetime(2026, 10, 7, 15, 0), self.o2, self.done)
        self._callback(self.o2, datetime(2026, 10, 8, 10, 0), "dissatisfied", False)
        self._qa(self.o2, "fail", date(2026, 10, 8))

        self.o3 = self._order_of(
            a, datetime(2026, 10, 7, 10, 0), responded_at=datetime(2026, 10, 7, 10, 10)
        )
        self._visit(
            self.engineer_a_user,
            self.o3,
            datetime(2026, 10, 7, 11, 0),
            datetime(2026, 10, 7, 12, 0),
        )
        self._at(datetime(2026, 10, 7, 16, 0), self.o3, self.done)
        self._callback(self.o3, datetime(2026, 10, 9, 10, 0), "satisfied", True)
        self._qa(self.o3, "pass", date(2026, 10, 9))

        self.o4 = self._order_of(
            a,
            datetime(2026, 10, 9, 16, 30),
            responded_at=datetime(2026, 10, 12, 8, 24),
        )
        self._visit(
            self.engineer_a_user,
            self.o4,
            datetime(2026, 10, 12, 10, 0),
            datetime(2026, 10, 12, 12, 0),
        )
        self._at(datetime(2026, 10, 12, 16, 30), self.o4, self.done)
        self._callback(self.o4, datetime(2026, 10, 13, 10, 0), "unreachable", False)

        self.o5 = self._order_of(
            b, datetime(2026, 10, 6, 9, 0), responded_at=datetime(2026, 10, 6, 10, 0)
        )
        self._visit(
            self.engineer_b_user,
            self.o5,
            datetime(2026, 10, 6, 11, 0),
            datetime(2026, 10, 6, 12, 0),
        )
        self._at(datetime(2026, 10, 8, 9, 0), self.o5, self.done)
        self._callback(self.o5, datetime(2026, 10, 9, 11, 0), "satisfied", True)
        self._qa(self.o5, "pass", date(2026, 10, 9))

        self._rework(self.o2, datetime(2026, 10, 19, 9, 0), self.engineer_c)

        tasks = self.env["project.task"].create(
            [
                {
                    "name": f"Inspection {index}",
                    "project_id": self.project.id,
                    "is_appraisal_task": True,
                    "user_ids": [Command.set(self.engineer_a_user.ids)],
                    "date_deadline": "2026-10-20 12:00:00",
                }
                for index in range(4)
            ]
        )
        supervisor = self.supervisor_user
        self.env["helpdesk.appraisal.assessment"].with_user(supervisor).create(
            [
                {
                    "employee_id": employee.id,
                    "title": title,
                    "kind": kind,
                    "date": "2026-10-15",
                    "score": score,
                }
                for employee, title, kind, score in (
                    (a, "Product exam", "exam", 72),
                    (a, "Repair drill", "skill_test", 54),
                    (a, "Lock training", "training", 100),
                    (b, "Product exam", "exam", 45),
                )
            ]
        )
        self.env["helpdesk.quality.finding"].with_user(supervisor).create(
            [
                {
                    "kind": "work_error",
                    "employee_id": a.id,
                    "reason": "Wrong part ordered",
                    "date": day,
                }
                for day in ("2026-10-06", "2026-10-14")
            ]
        )
        self._done_at(tasks[:2], "2026-10-20 15:00")
        self._done_at(tasks[2], "2026-10-22 10:00")
        self.env["project.task"]._refresh_execution_status()
        self.env.flush_all()

    # Helpers ---------------------------------------------------------------

    def _sheets(self, code, day=OCTOBER):
        """Activate the shipped template ``code`` for engineers A and B and
        generate their sheets of the period holding ``day``."""
        template = self.env.ref(XMLID.format(code))
        self.assertFalse(template.active, "shipped inactive")
        template.write(
            {
                "active": True,
                "employee_ids": [Command.set((self.engineer_a | self.engineer_b).ids)],
            }
        )
        sheets = self.env["helpdesk.appraisal.sheet"]._generate(template, day)
        return (
            sheets.filtered(lambda s: s.employee_id == self.engineer_a),
            sheets.filtered(lambda s: s.employee_id == self.engineer_b),
        )

    def _score(self, sheet, values):
        """The supervisor gives the manual lines their values, by label, in
        the sheet's order."""
        manual = sheet.line_ids.filtered(lambda line: line.metric == "manual")
        self.assertEqual(len(manual), len(values))
        for line, value in zip(manual, values, strict=True):
            line.with_user(self.supervisor_user).write(
                {"supervisor_value": value, "supervisor_note": "As observed"}
            )

    def assertPoints(self, sheet, expected, total, grade):
        """Every line's points (6 decimals, as the rule kinds keep them),
        the total and the grade code."""
        self.assertEqual(
            [(line.name, round(line.points, 6)) for line in sheet.line_ids],
            expected,
        )
        self.assertAlmostEqual(sheet.total_score, total, places=6)
        self.assertEqual(sheet.grade_id.code, grade)

    # 004-L: the issue-13 acceptance ---------------------------------------

    def test_004_l_targets_with_proportional_deductions(self):
        sheet_a, sheet_b = self._sheets("l")
        self.assertEqual(sheet_a.period_type, "month")
        self._score(sheet_a, [8])
        self._score(sheet_b, [10])
        lines = sheet_a.line_ids
        self.assertEqual(
            [round(line.actual, 6) for line in lines],
            [66.666667, 36.0, 66.666667, 8.75, 8.0, 72.0, 54.0],
        )
        self.assertEqual(
            [(line.numerator, line.denominator) for line in lines[:4]],
            [(2, 3), (144, 4), (2, 3), (35, 4)],
        )
        self.assertPoints(
            sheet_a,
            [
                # L1 satisfaction >= 90 %: 66.67 / 90 = 0.740741 -> 20 x
                # 0.740741 = 14.81482.
                ("Customer satisfaction (at least 90 %)", 14.81482),
                # L2 response <= 30 minutes, mean 36: 1 - (36 - 30) / 30 =
                # 0.8 -> 15 x 0.8 = 12.
                ("Response time (at most 30 minutes)", 12.0),
                # L3 resolution >= 95 %: 2 resolved of 3 with a result (O4
                # has none: no data, not a miss): 66.67 / 95 = 0.701754 ->
                # 15 x 0.701754 = 10.52631.
                ("Resolution rate (at least 95 %)", 10.52631),
                # L4 handling <= 1 working day (8 h), mean 8.75: 1 - (8.75 -
                # 8) / 8 = 0.90625 -> 20 x 0.90625 = 18.125.
                ("Order handling time (at most 1 working day)", 18.125),
                # L5: the supervisor's value.
                ("After-sales cost control", 8.0),
                # L6 exam 72 passes (60): 10 x min(72 / 60, 1) = 10.
                ("Professional knowledge (exam)", 10.0),
                # L7 skill test 54 fails: 10 x 54 / 60 = 9.
                ("Service skills (practice and drills)", 9.0),
            ],
            # 14.81482 + 12 + 10.52631 + 18.125 + 8 + 10 + 9.
            82.46613,
            "good",
        )
        self.assertEqual(
            lines[1].formula,
            "actual 36, target 30: r = 0.8, used 0.8 (cap 1) -> 15 x 0.8 = 12",
        )
        self.assertEqual(
            lines[3].formula,
            # The formula shows 4 decimals (0.90625 -> 0.9062).
            "actual 8.75, target 8: r = 0.9062, used 0.9062 (cap 1) -> "
            "20 x 0.9062 = 18.125",
        )
        # B: satisfied 1 of 1 and resolved 1 of 1 reach the targets (capped
        # at the weight); a 60-minute response is 100 % over 30: 1 - 30 / 30
        # = 0; 16 hours is 100 % over 8: 0; exam 45: 10 x 45 / 60 = 7.5; no
        # skill test: no data -> 0.
        self.assertPoints(
            sheet_b,
            [
                ("Customer satisfaction (at least 90 %)", 20.0),
                ("Response time (at most 30 minutes)", 0.0),
                ("Resolution rate (at least 95 %)", 15.0),
                ("Order handling time (at most 1 working day)", 0.0),
                ("After-sales cost control", 10.0),
                ("Professional knowledge (exam)", 7.5),
                ("Service skills (practice and drills)", 0.0),
            ],
            # 20 + 15 + 10 + 7.5.
            52.5,
            "below_standard",
        )
        # The facts behind L2 and L4: A's orders of the month, the visits
        # and callbacks on them left aside.
        for line in lines[1], lines[3]:
            action = line.with_user(self.supervisor_user).action_view_facts()
            self.assertEqual(
                self.env["helpdesk.ticket"].search(action["domain"]),
                self.o1 | self.o2 | self.o3 | self.o4,
            )
        # The visits were recorded on site and changed no moment measured.
        self.assertEqual(len((self.o1 | self.o2 | self.o3 | self.o4).visit_ids), 4)
        self.assertEqual(self.o2.first_closed_date, datetime(2026, 10, 7, 15, 0))

    def test_004_l_a_reworked_order_reopened_and_closed_again(self):
        """Reopening O2 and closing it again later changes no measure: the
        first closing counts, once."""
        self._at(datetime(2026, 10, 26, 9, 0), self.o2, self.in_progress)
        self._at(datetime(2026, 10, 27, 9, 0), self.o2, self.done)
        self.assertEqual(self.o2.reopen_count, 1)
        sheet_a, _sheet_b = self._sheets("l")
        self.assertEqual(
            [round(line.actual, 6) for line in sheet_a.line_ids[:4]],
            [66.666667, 36.0, 66.666667, 8.75],
        )

    # 004-A ------------------------------------------------------------------

    def test_004_a_weighted_table(self):
        sheet_a, _sheet_b = self._sheets("a")
        template = sheet_a.template_id
        # The seed's weights add up to 90 (Q6): the template says so.
        self.assertEqual(template.weight_total, 90)
        self.assertIn("The weights add up to 90", template.warning)
        self._score(sheet_a, [9, 4, 4])
        self.assertPoints(
            sheet_a,
            [
                # A1 first-time fixes 3 of 4: 10 x 0.75 = 7.5.
                ("Solution effectiveness (first-time fix)", 7.5),
                ("Process compliance", 9.0),
                # A3 QA passed 2 of 3: 10 x 0.666667 = 6.66667.
                ("Repair accuracy (QA pass rate)", 6.66667),
                # A4 satisfied 2 of 3: 15 x 0.666667 = 10.000005.
                ("Customer feedback score", 10.000005),
                # A5 handled within 1 working day 3 of 4: 10 x 0.75 = 7.5.
                ("Resolution speed (handled in time)", 7.5),
                ("Customer satisfaction survey", 4.0),
                # A7 tasks done 3 of 4 due: 10 x 0.75 = 7.5.
                ("Task completion rate", 7.5),
                ("Working-hour utilisation", 4.0),
                # A9 mean response 36 over 30: 5 x (1 - 6 / 30) = 4.
                ("Response time", 4.0),
                # A10 one training attended: 5 x min(1 / 1, 1) = 5.
                ("Training and learning", 5.0),
                # A11 exam 72 of 100: 5 x 0.72 = 3.6.
                ("Product and technical knowledge", 3.6),
            ],
            # 7.5 + 9 + 6.66667 + 10.000005 + 7.5 + 4 + 7.5 + 4 + 4 + 5 + 3.6.
            68.766675,
            "pass",
        )

    # 004-I ------------------------------------------------------------------

    def test_004_i_quarter_adds_up_its_months(self):
        """A November order of A (requested Mon 2 November 09:00, responded
        09:15, closed 11:00, satisfied and confirmed) joins the quarter."""
        o6 = self._order_of(
            self.engineer_a,
            datetime(2026, 11, 2, 9, 0),
            responded_at=datetime(2026, 11, 2, 9, 15),
            closed_at=datetime(2026, 11, 2, 11, 0),
        )
        self._callback(o6, datetime(2026, 11, 3, 10, 0), "satisfied", True)
        sheet_a, _sheet_b = self._sheets("i", date(2026, 11, 15))
        self.assertEqual((sheet_a.month, sheet_a.period_type), (OCTOBER, "quarter"))
        self._score(sheet_a, [16])
        self.assertPoints(
            sheet_a,
            [
                # On time 2 of 4 in October, 1 of 1 in November: 3 of 5 =
                # 60 % (not the mean of the months, 75 %): 15 x 0.6 = 9.
                ("Response speed: on-time response", 9.0),
                # Handled within 8 hours 3 + 1 of 5: 15 x 0.8 = 12.
                ("Response speed: handled in time", 12.0),
                # First-time fixes 3 + 1 of 5: 15 x 0.8 = 12.
                ("Problem solving: first-contact resolution", 12.0),
                # Resolved 2 + 1 of 3 + 1 with a result: 15 x 0.75 = 11.25.
                ("Problem solving: resolution rate", 11.25),
                # Satisfied 2 + 1 of 3 + 1 answered: 20 x 0.75 = 15.
                ("Customer satisfaction", 15.0),
                ("Teamwork", 16.0),
            ],
            # 9 + 12 + 12 + 11.25 + 15 + 16.
            75.25,
            "pass",
        )

    # 004-M ------------------------------------------------------------------

    def test_004_m_gap_per_percentage_point(self):
        sheet_a, sheet_b = self._sheets("m")
        # Typed by the supervisor: report accuracy %, quantity achievement %,
        # repair quality (judgement).
        self._score(sheet_a, [96.5, 97, 7])
        self._score(sheet_b, [98, 94.5, 10])
        self.assertPoints(
            sheet_a,
            [
                # M2 >= 95 %, resolved 2 of 3 = 66.666667: 30 - 1 x
                # 28.333333 = 1.666667.
                ("Repair task achievement (at least 95 %)", 1.666667),
                # M4 >= 98 %, 96.5: 10 - 1.5 = 8.5.
                ("Report and file accuracy (at least 98 %)", 8.5),
                # M6 >= 99 %, QA 2 of 3 = 66.666667: 30 - 32.333333 < 0 ->
                # floor 0.
                ("QA pass rate of repaired products (at least 99 %)", 0.0),
                # M7 >= 95 %, 97: no gap.
                ("Repair quantity achievement (at least 95 %)", 10.0),
                ("Repair quality (judgement)", 7.0),
                # M3/M8 -3 per work error found: 10 - 3 x 2 = 4.
                ("Work errors (-3 each)", 4.0),
            ],
            # 1.666667 + 8.5 + 0 + 10 + 7 + 4.
            31.166667,
            "fail",
        )
        self.assertEqual(
            sheet_a.line_ids[0].formula,
            "actual 66.6667, target 95: gap 28.3333 = 28.3333 step(s) of 1 -> "
            "30 - 1 x 28.3333 = 1.6667",
        )
        self.assertPoints(
            sheet_b,
            [
                # Resolved 1 of 1 and QA 1 of 1: 100 % reaches 95 and 99.
                ("Repair task achievement (at least 95 %)", 30.0),
                ("Report and file accuracy (at least 98 %)", 10.0),
                ("QA pass rate of repaired products (at least 99 %)", 30.0),
                # 94.5: half a point below 95 (exact gap, Q10): 10 - 0.5.
                ("Repair quantity achievement (at least 95 %)", 9.5),
                ("Repair quality (judgement)", 10.0),
                ("Work errors (-3 each)", 10.0),
            ],
            99.5,
            "excellent",
        )
