# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager
from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.sql_db import Cursor
from odoo.tests import Form

from ..models.helpdesk_engineer_appraisal import GenerationConflict
from .appraisal_common import OCTOBER
from .kpi_common import KpiSheetCommon

# Points of engineer A's October (KpiSheetCommon): 60 x 34.5 / 40; 20 - 2 x 3;
# 10 - 3 x 2; 36 orders -> 5; the manual line not scored yet.
POINTS_A = [51.75, 14.0, 4.0, 5.0, 0.0]


class TestKpiSheetPreview(KpiSheetCommon):
    """The template editor's preview: a sheet's numbers, nothing created."""

    def _preview(self, employee, day=OCTOBER, user=None):
        preview_model = self.env["helpdesk.appraisal.sheet.preview"]
        return preview_model.with_user(user or self.manager_user).new(
            {"template_id": self.template.id, "employee_id": employee.id, "day": day}
        )

    @contextmanager
    def _capture_writes(self):
        writes = []
        execute = Cursor.execute

        def capturing_execute(cursor, query, params=None, log_exceptions=None):
            sql = str(getattr(query, "code", query)).strip().upper()
            if sql.startswith(("INSERT", "UPDATE", "DELETE")):
                writes.append(sql)
            return execute(cursor, query, params, log_exceptions)

        self.env.flush_all()
        with patch.object(Cursor, "execute", capturing_execute):
            yield writes
            self.env.flush_all()

    def test_preview_shows_each_line_total_and_grade(self):
        with self._capture_writes() as writes:
            preview = self._preview(self.engineer_a)
            values = preview._preview_values()
            self.assertEqual(preview.total_score, 74.75)
        self.assertEqual(writes, [])
        self.assertFalse(self.Sheet.search([("template_id", "=", self.template.id)]))
        self.assertEqual([line["points"] for line in values["lines"]], POINTS_A)
        self.assertEqual(
            [line["name"] for line in values["lines"]],
            [
                "Workload",
                "Customer evaluation",
                "Work logs",
                "Orders handled",
                "Attitude",
            ],
        )
        workload = values["lines"][0]
        self.assertEqual((workload["actual"], workload["target"]), (34.5, 40.0))
        self.assertEqual(
            workload["formula"],
            "actual 34.5, target 40: r = 0.8625, used 0.8625 (cap 1) -> "
            "60 x 0.8625 = 51.75",
        )
        self.assertFalse(values["lines"][4]["has_data"])
        self.assertEqual(preview.maximum, 100)
        self.assertEqual(preview.grade_id.code, "pass")
        self.assertEqual(preview.period_label, "2026-10")
        html = str(preview.preview_html)
        for text in ("Workload", "51.75", "60 x 0.8625 = 51.75", "20 - 2 x 3 = 14"):
            self.assertIn(text, html)

    def test_preview_of_engineer_b(self):
        # 60 x 4.5 / 40 = 6.75; 20; 10; 6 orders -> 0; 0: 36.75, fail.
        preview = self._preview(self.engineer_b, day=date(2026, 10, 17))
        self.assertEqual(
            [line["points"] for line in preview._preview_values()["lines"]],
            [6.75, 20.0, 10.0, 0.0, 0.0],
        )
        self.assertEqual((preview.total_score, preview.grade_id.code), (36.75, "fail"))

    def test_preview_matches_the_generated_sheet(self):
        preview = self._preview(self.engineer_a)
        lines = preview._preview_values()["lines"]
        sheet = self._generate_sheets().filtered(
            lambda s: s.employee_id == self.engineer_a
        )
        self.assertEqual(
            [(line["name"], line["points"], line["formula"]) for line in lines],
            [(line.name, line.points, line.formula) for line in sheet.line_ids],
        )
        self.assertEqual(preview.total_score, sheet.total_score)

    def test_preview_of_a_quarter(self):
        quarter = self.template.copy({"name": "Quarter", "period_type": "quarter"})
        preview = self.env["helpdesk.appraisal.sheet.preview"].new(
            {
                "template_id": quarter.id,
                "employee_id": self.engineer_a.id,
                "day": OCTOBER,
            }
        )
        # October holds the quarter's only facts: the same points.
        self.assertEqual(preview.period_label, "2026 Q4")
        self.assertEqual(preview.total_score, 74.75)

    def test_preview_from_the_template_form(self):
        action = self.template.with_user(self.manager_user).action_preview()
        self.assertEqual(action["res_model"], "helpdesk.appraisal.sheet.preview")
        preview_model = (
            self.env["helpdesk.appraisal.sheet.preview"]
            .with_user(self.manager_user)
            .with_context(**action["context"])
        )
        with Form(preview_model) as form:
            self.assertEqual(form.template_id, self.template)
            self.assertFalse(form.total_score)
            form.employee_id = self.engineer_a
            form.day = OCTOBER
            self.assertEqual(form.total_score, 74.75)
            self.assertIn("51.75", str(form.preview_html))
            form.employee_id = self.engineer_b
            self.assertEqual(form.total_score, 36.75)
        self.assertFalse(self.Sheet.search([("template_id", "=", self.template.id)]))

    def test_engineer_cannot_preview(self):
        with self.assertRaises(AccessError):
            self.env["helpdesk.appraisal.sheet.preview"].with_user(
                self.engineer_a_user
            ).create(
                {
                    "template_id": self.template.id,
                    "employee_id": self.engineer_a.id,
                    "day": OCTOBER,
                }
            )


class TestKpiSheetKeptFacts(KpiSheetCommon):
    """A done sheet keeps the facts its lines counted."""

    def _done_sheet_a(self):
        sheet = self._generate_sheets().filtered(
            lambda s: s.employee_id == self.engineer_a
        )
        attitude = sheet.line_ids[4]
        sheet.with_user(self.supervisor_user).action_send()
        attitude.with_user(self.engineer_a_user).self_value = 5
        sheet.with_user(self.engineer_a_user).action_submit()
        attitude.with_user(self.supervisor_user).supervisor_value = 5
        sheet.with_user(self.supervisor_user).action_review()
        sheet.with_user(self.manager_user).action_approve()
        self.assertEqual(sheet.state, "done")
        return sheet

    def _kept(self, line, user=None):
        """The facts the drill-down of ``line`` lists, as ``user`` sees them."""
        action = line.with_user(user or self.engineer_a_user).action_view_facts()
        self.assertEqual(action["res_model"], "helpdesk.appraisal.sheet.fact")
        return (
            self.env[action["res_model"]]
            .with_user(user or self.engineer_a_user)
            .search(action["domain"])
        )

    def test_done_sheet_keeps_what_each_line_counted(self):
        sheet = self._done_sheet_a()
        workload, customer, logs, orders, attitude = sheet.line_ids
        credits_a = (self.orders_a | self.orders_ab).credit_ids.filtered(
            lambda credit: credit.employee_id == self.engineer_a
        )
        # 36 credits behind the workload and the orders, 3 dissatisfied
        # callbacks, 2 unqualified work logs, nothing behind the manual line.
        self.assertEqual(sheet.fact_count, 36 + 3 + 2 + 36)
        kept_workload = self._kept(workload)
        self.assertEqual(len(kept_workload), 36)
        self.assertEqual(set(kept_workload.mapped("res_id")), set(credits_a.ids))
        self.assertEqual(
            set(kept_workload.mapped("res_model")), {"helpdesk.ticket.credit"}
        )
        self.assertEqual(
            sorted(kept_workload.mapped("name")),
            sorted(credits_a.mapped("display_name")),
        )
        self.assertEqual(
            set(self._kept(customer).mapped("res_id")),
            set(self.orders_a[:3].callback_ids.ids),
        )
        self.assertEqual(set(self._kept(logs).mapped("res_id")), set(self.findings.ids))
        self.assertEqual(len(self._kept(orders)), 36)
        self.assertFalse(
            self.env["helpdesk.appraisal.sheet.fact"].search(
                [("line_id", "=", attitude.id)]
            )
        )
        self.assertEqual(
            sheet.with_user(self.engineer_a_user).action_view_kept_facts()["domain"],
            [("sheet_id", "=", sheet.id)],
        )

    def test_later_facts_change_nothing_of_a_done_sheet(self):
        sheet = self._done_sheet_a()
        customer = sheet.line_ids[1]
        kept = self._kept(customer)
        # A fourth dissatisfied callback and 20 more orders in October.
        self._callbacks(self.orders_a[3:4], "dissatisfied")
        self._create_tickets(
            count=20, engineers=self.engineer_a, difficulty=self.level_standard
        )
        self._generate_sheets()
        sheet._refresh()
        self.assertEqual(sheet.line_ids.mapped("points"), [*POINTS_A[:4], 5.0])
        self.assertEqual(sheet.total_score, 79.75)
        self.assertEqual(self._kept(customer), kept)
        self.assertEqual(len(self._kept(sheet.line_ids[0])), 36)
        # Reopened, the sheet counts the facts again, and its next approval
        # keeps those counted then.
        sheet.with_user(self.manager_user).reopen_reason = "Late callback"
        sheet.with_user(self.manager_user).action_reopen()
        self.assertEqual(sheet.fact_count, 0)
        self.assertEqual(sheet.line_ids[1].points, 12.0)
        sheet.with_user(self.supervisor_user).action_review()
        sheet.with_user(self.manager_user).action_approve()
        self.assertEqual(len(self._kept(sheet.line_ids[1])), 4)
        self.assertEqual(len(self._kept(sheet.line_ids[0])), 56)

    def test_kept_facts_are_read_only_and_private(self):
        sheet = self._done_sheet_a()
        facts = self.env["helpdesk.appraisal.sheet.fact"]
        kept = facts.search([("sheet_id", "=", sheet.id)])
        for user in (self.engineer_a_user, self.supervisor_user, self.manager_user):
            with self.assertRaises(AccessError):
                kept[0].with_user(user).write({"name": "Forged"})
            with self.assertRaises(AccessError):
                kept[0].with_user(user).unlink()
            with self.assertRaises(AccessError):
                facts.with_user(user).create(
                    {
                        "line_id": sheet.line_ids[0].id,
                        "res_model": "helpdesk.ticket.credit",
                        "res_id": 1,
                    }
                )
        self.assertFalse(facts.with_user(self.engineer_b_user).search([]))
        self.assertEqual(
            facts.with_user(self.supervisor_user).search([("sheet_id", "=", sheet.id)]),
            kept,
        )

    def test_keeping_facts_reads_do_not_grow_with_sheets(self):
        sheets = self._generate_sheets()
        fact_model = self.env["helpdesk.appraisal.sheet.fact"]
        sheet_a = sheets.filtered(lambda s: s.employee_id == self.engineer_a)
        # Once first, so that both measures start with the same caches.
        fact_model._take(sheets)
        self.env.invalidate_all()
        with self._capture_reads() as reads_one:
            kept_one = fact_model._take(sheet_a)
        self.env.invalidate_all()
        with self._capture_reads() as reads_two:
            kept_two = fact_model._take(sheets)
        # A: 36 credits behind the workload and the orders, 3 callbacks, 2
        # findings; B: 6 credits behind the workload and the orders.
        self.assertEqual((len(kept_one), len(kept_two)), (77, 77 + 12))
        self.assertLessEqual(len(reads_two), len(reads_one))

    def test_open_sheet_drills_down_to_live_facts(self):
        sheet = self._generate_sheets().filtered(
            lambda s: s.employee_id == self.engineer_a
        )
        action = sheet.line_ids[1].action_view_facts()
        self.assertEqual(action["res_model"], "helpdesk.ticket.callback")
        self.assertEqual(sheet.fact_count, 0)


class TestKpiSheetCron(KpiSheetCommon):
    """The daily generation of the templates marked Generate Automatically."""

    def _template_sheets(self, template=None):
        return self.Sheet.search([("template_id", "=", (template or self.template).id)])

    def test_cron_generates_the_current_period(self):
        other = self.template.copy({"name": "Not automatic"})
        self.template.auto_generate = True
        with freeze_time("2026-10-20 09:00:00"):
            self.env["helpdesk.appraisal.sheet.template"]._cron_generate_sheets()
        sheets = self._template_sheets()
        self.assertEqual(sheets.employee_id, self.engineer_a | self.engineer_b)
        self.assertEqual(set(sheets.mapped("month")), {OCTOBER})
        sheet_a = sheets.filtered(lambda s: s.employee_id == self.engineer_a)
        self.assertEqual(sheet_a.line_ids.mapped("points"), POINTS_A)
        self.assertFalse(self._template_sheets(other))
        # The next night: the same sheets, refreshed.
        self._callbacks(self.orders_a[3:4], "dissatisfied")
        with freeze_time("2026-10-21 09:00:00"):
            self.env["helpdesk.appraisal.sheet.template"]._cron_generate_sheets()
        self.assertEqual(self._template_sheets(), sheets)
        self.assertEqual(sheet_a.line_ids[1].points, 12.0)

    def test_archived_template_is_not_generated(self):
        self.template.write({"auto_generate": True, "active": False})
        with freeze_time("2026-10-20 09:00:00"):
            self.env["helpdesk.appraisal.sheet.template"]._cron_generate_sheets()
        self.assertFalse(self._template_sheets())

    def test_cron_runs_again_after_a_conflict(self):
        self.template.auto_generate = True
        cron = self.env.ref(
            "helpdesk_engineer_appraisal.helpdesk_appraisal_sheet_template_cron_generate"
        )
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])

        def conflict(*args, **kwargs):
            raise GenerationConflict("a manager generates the same period")

        with (
            patch.object(type(self.Sheet), "_generate", conflict),
            freeze_time("2026-10-20 09:00:00"),
        ):
            self.env["helpdesk.appraisal.sheet.template"]._cron_generate_sheets()
        self.assertFalse(self._template_sheets())
        self.assertEqual(
            len(self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])),
            len(triggers) + 1,
        )

    def test_only_managers_mark_a_template_automatic(self):
        with self.assertRaises(AccessError):
            self.template.with_user(self.supervisor_user).auto_generate = True
