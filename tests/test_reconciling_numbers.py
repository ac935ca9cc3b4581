# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.tests import TransactionCase

from .. import scoring
from ..reports.helpdesk_engineer_appraisal_team_xlsx import GRADE_COLOURS
from .test_service_area import ServiceAreaCommon

# Bootstrap's decoration of each grade on screen, and its hue in the XLSX.
GRADE_DECORATIONS = {
    scoring.GRADE_EXCELLENT: "success",
    scoring.GRADE_GOOD: "info",
    scoring.GRADE_PASS: "muted",
    scoring.GRADE_BELOW_STANDARD: "warning",
    scoring.GRADE_FAIL: "danger",
}


class TestAreaRankingFigures(ServiceAreaCommon):
    """The ranking shows its rate mode and both rates, so its numbers add up
    on screen: due 7, confirmed 5, mean of the daily rates 50 %, ratio 5/7."""

    def test_both_rates_and_the_mode(self):
        self._four_day_example()
        self._refresh_october()
        ranking = self._ranking(self.north)
        self.assertEqual(ranking.rate_mode, scoring.RATE_MODE_DAILY_MEAN)
        self.assertAlmostEqual(ranking.daily_mean_rate, 0.5)
        self.assertAlmostEqual(ranking.ratio_rate, 5 / 7)
        self.assertAlmostEqual(ranking.rate, 0.5)
        self.env.company.appraisal_area_rate_mode = scoring.RATE_MODE_RATIO
        ranking = self._ranking(self.north)
        self.assertEqual(ranking.rate_mode, scoring.RATE_MODE_RATIO)
        self.assertAlmostEqual(ranking.rate, 5 / 7)
        self.assertAlmostEqual(ranking.daily_mean_rate, 0.5)
        self.assertAlmostEqual(ranking.ratio_rate, 5 / 7)

    def test_list_shows_both_rates(self):
        arch = self.env["helpdesk.service.area.month"].get_views([(False, "list")])
        names = etree.fromstring(arch["views"]["list"]["arch"]).xpath("//field/@name")
        for name in ("due_count", "confirmed_count", "rate", "rate_mode"):
            self.assertIn(name, names)
        self.assertIn("daily_mean_rate", names)
        self.assertIn("ratio_rate", names)


class TestLabelsColoursAndMonths(TransactionCase):
    def _arch(self, model, view_type, xmlid=None):
        view_id = self.env.ref(xmlid).id if xmlid else False
        views = self.env[model].get_views([(view_id, view_type)])
        return etree.fromstring(views["views"][view_type]["arch"])

    def test_average_is_called_an_average(self):
        arch = self._arch("helpdesk.engineer.appraisal", "pivot")
        (measure,) = arch.xpath("//field[@name='total_score'][@type='measure']")
        self.assertEqual(measure.get("string"), "Average Total")
        self.assertEqual(
            self.env["helpdesk.engineer.appraisal"]._fields["total_score"].aggregator,
            "avg",
        )

    def _grade_decorations(self, node):
        return {
            grade: [
                name.removeprefix("decoration-")
                for name, condition in node.attrib.items()
                if name.startswith("decoration-") and (f"'{grade}'" in condition)
            ]
            for grade in GRADE_DECORATIONS
        }

    def test_one_colour_per_grade(self):
        expected = {grade: [colour] for grade, colour in GRADE_DECORATIONS.items()}
        for model, view_type in (
            ("helpdesk.engineer.appraisal", "list"),
            ("helpdesk.engineer.appraisal", "form"),
            ("helpdesk.engineer.appraisal.summary", "list"),
        ):
            (node,) = self._arch(model, view_type).xpath("//field[@name='grade']")
            self.assertEqual(self._grade_decorations(node), expected, model)
        # The XLSX cells: green, blue, white, yellow, red.
        self.assertEqual(
            list(GRADE_COLOURS), list(GRADE_DECORATIONS), "same grades, same order"
        )

    def test_months_shown_as_periods(self):
        for model, view_type, field in (
            ("helpdesk.engineer.appraisal", "list", "month"),
            ("helpdesk.engineer.appraisal", "form", "month"),
            ("helpdesk.ticket.credit", "list", "month"),
            ("helpdesk.ticket.callback", "list", "month"),
            ("helpdesk.quality.finding", "list", "month"),
            ("helpdesk.service.area.month", "list", "month"),
            ("helpdesk.engineer.appraisal.summary", "list", "period_start"),
        ):
            (node,) = self._arch(model, view_type).xpath(f"//field[@name='{field}']")
            self.assertEqual(node.get("widget"), "appraisal_period", model)
            # Still a date underneath: searched, grouped and sorted as one.
            self.assertEqual(self.env[model]._fields[field].type, "date")
        (node,) = self._arch("helpdesk.engineer.appraisal.summary", "list").xpath(
            "//field[@name='period_start']"
        )
        self.assertIn("period_type", node.get("options"))


class TestTaskQualityNotPoints(TransactionCase):
    def test_on_time_quality_is_not_summed_as_points(self):
        field = self.env["project.task"]._fields["appraisal_points"]
        self.assertEqual(field.string, "On-time Quality")
        self.assertEqual(field.aggregator, "avg")
        arch = self.env["project.task"].get_views(
            [
                (
                    self.env.ref(
                        "helpdesk_engineer_appraisal.project_task_view_list"
                    ).id,
                    "list",
                )
            ]
        )["views"]["list"]["arch"]
        (node,) = etree.fromstring(arch).xpath("//field[@name='appraisal_points']")
        self.assertIsNone(node.get("sum"))
        self.assertEqual(node.get("avg"), "Average")
