# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util

from odoo.exceptions import AccessError, ValidationError
from odoo.models import check_method_name
from odoo.modules.module import get_module_path
from odoo.tools import SQL, sql

from ..models.helpdesk_appraisal_sheet import _COMPUTED_WRITE
from .kpi_common import KpiSheetCommon

# A label with what a ``COPY`` must escape.
LABEL = 'Tab\there, back\\slash \\N, "quotes",\nline\r\nbreaks ∞ 订单'


class TestKpiSheetInsert(KpiSheetCommon):
    """Generation inserts its sheets and their lines with one ``COPY`` each
    (``_insert_computed``, issue 16): each row is the one ``create`` stores
    for the same values, whatever the text holds, and the rights and input
    checks of ``create`` still apply."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Line = cls.env["helpdesk.appraisal.sheet.line"]
        cls.sheet = cls._generate_sheets().filtered(
            lambda sheet: sheet.employee_id == cls.engineer_a
        )

    def _vals(self, **changes):
        """A line of the tiers rule of engineer A's sheet, with text a
        ``COPY`` must escape and values the ORM stores as NULL."""
        return {
            "sheet_id": self.sheet.id,
            "template_line_id": self.line_orders.id,
            "sequence": 4,
            "section": "qualitative",
            "name": {"en_US": LABEL},
            "metric": "orders",
            "rule_kind": "tiers",
            "scorer": "system",
            "weight": 5.0,
            "target": 0.1 + 0.2,
            "actual": 36,
            "numerator": 1e-7,
            "denominator": 1.0,
            "has_data": True,
            "points": 5.0,
            "formula_numbers": {
                "kind": "tiers",
                "actual": 36,
                "band": "[30, +∞)",
                "note": 'a "quoted" \\ back\tslash',
                "raw": None,
                "points": 5.0,
            },
            "complaint_channel": False,
            "finding_kind": False,
            "assessment_kind": False,
            "in_total": False,
            "on_time_limit": 0.0,
            **changes,
        }

    def _row(self, line_ids, model="helpdesk.appraisal.sheet.line"):
        """The stored rows of ``line_ids`` (of ``model``), but for what tells
        them apart."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """SELECT to_jsonb(stored) - 'id' - 'create_date' - 'write_date'
                     FROM %s stored
                    WHERE id = ANY(%s)""",
                SQL.identifier(self.env[model]._table),
                list(line_ids),
            )
        )
        return [row for (row,) in self.env.cr.fetchall()]

    def _created(self, vals):
        """The line ``create`` stores for ``vals``, by the same manager, in
        English (``create`` takes a label in one language)."""
        return (
            self.Line.with_user(self.manager_user)
            .with_context(sheet_computed_write=_COMPUTED_WRITE, lang="en_US")
            .create({**vals, "name": vals["name"] and vals["name"]["en_US"]})
        )

    def _inserted_ids(self, vals_list):
        before = set(self.sheet.line_ids.ids)
        self.Line.with_user(self.manager_user)._insert_computed(vals_list)
        return set(self.sheet.line_ids.ids) - before

    def test_rows_as_create_stores_them(self):
        vals = self._vals()
        inserted = self._inserted_ids([vals])
        created = self._created(vals)
        self.assertEqual(len(inserted), 1)
        self.assertEqual(self._row(inserted), self._row(created.ids))
        line = self.Line.browse(inserted).with_context(lang="en_US")
        self.assertEqual(line.name, LABEL)
        self.assertEqual(line.formula_numbers, vals["formula_numbers"])
        self.assertEqual(line.create_uid, self.manager_user)

    def test_a_label_keeps_every_translation(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        inserted = self._inserted_ids(
            [self._vals(name={"en_US": "Orders handled", "zh_CN": "处理订单"})]
        )
        line = self.Line.browse(inserted)
        self.assertEqual(line.with_context(lang="en_US").name, "Orders handled")
        self.assertEqual(line.with_context(lang="zh_CN").name, "处理订单")

    def test_empty_values_as_create_stores_them(self):
        vals = self._vals(
            name=False,
            section=False,
            has_data=False,
            formula_numbers=False,
            actual=0,
            in_total=True,
        )
        inserted = self._inserted_ids([vals])
        created = self._created(vals)
        self.assertEqual(self._row(inserted), self._row(created.ids))

    def test_a_generated_sheet_is_the_row_create_stores(self):
        """Generation inserts its sheets with one ``COPY`` too: engineer A's
        is the row ``create`` stores for the same values, by the same user."""
        inserted = self._row(self.sheet.ids, self.sheet._name)
        names = [
            "template_id",
            "employee_id",
            "company_id",
            "month",
            "period_type",
            "maximum",
            "total_score",
            "grade_id",
            "department_id",
            "supervisor_id",
        ]
        vals = self.sheet._convert_to_write(self.sheet.read(names)[0])
        del vals["id"]
        self.sheet.unlink()
        created = (
            self.env["helpdesk.appraisal.sheet"]
            .with_context(
                sheet_computed_write=_COMPUTED_WRITE,
                tracking_disable=True,
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
            )
            .create(vals)
        )
        self.assertEqual(inserted, self._row(created.ids, created._name))
        # 51.75 + 14 + 4 + 5 + 0 (test_the_lines_of_a_generation_are_read_back).
        self.assertEqual(inserted[0]["total_score"], 74.75)
        self.assertEqual(inserted[0]["state"], "draft")

    def test_the_lines_of_a_generation_are_read_back(self):
        """The sheet lists the lines inserted after it was created, with the
        points its total adds up: 60 x 34.5 / 40 = 51.75, 20 - 2 x 3 = 14,
        10 - 3 x 2 = 4, 36 orders -> 5, the manual line 0."""
        self.assertEqual(
            self._points(self.sheet),
            [
                ("Workload", 51.75),
                ("Customer evaluation", 14.0),
                ("Work logs", 4.0),
                ("Orders handled", 5.0),
                ("Attitude", 0.0),
            ],
        )
        self.assertEqual(self.sheet.line_ids.employee_id, self.engineer_a)
        self.assertEqual(set(self.sheet.line_ids.mapped("month")), {self.sheet.month})

    def test_migration_drops_the_lines_copies_of_their_sheet(self):
        """Lines read their sheet's employee, template, department and month
        through it: the columns an older version stored them in, with their
        foreign keys and index, are dropped; the lines read the same."""
        cr = self.env.cr
        self.env.flush_all()
        for column in ("employee_id", "template_id", "department_id", "month"):
            self.assertFalse(sql.column_exists(cr, self.Line._table, column))
        cr.execute(
            """ALTER TABLE helpdesk_appraisal_sheet_line
                 ADD COLUMN employee_id integer REFERENCES hr_employee(id),
                 ADD COLUMN template_id integer
                     REFERENCES helpdesk_appraisal_sheet_template(id),
                 ADD COLUMN department_id integer REFERENCES hr_department(id),
                 ADD COLUMN month date"""
        )
        cr.execute(
            "CREATE INDEX helpdesk_appraisal_sheet_line__month_index "
            "ON helpdesk_appraisal_sheet_line (month)"
        )
        path = f"{get_module_path('helpdesk_engineer_appraisal')}/migrations/"
        spec = importlib.util.spec_from_file_location(
            "post_drop_line_copies", f"{path}18.0.1.4.0/post-drop-line-copies.py"
        )
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(cr, "18.0.1.3.0")
        for column in ("employee_id", "template_id", "department_id", "month"):
            self.assertFalse(sql.column_exists(cr, self.Line._table, column))
        self.assertFalse(
            sql.index_exists(cr, "helpdesk_appraisal_sheet_line__month_index")
        )
        self.env.invalidate_all()
        self.assertEqual(self.sheet.line_ids.employee_id, self.engineer_a)
        self.assertEqual(self.sheet.line_ids.template_id, self.template)
        self.assertEqual(set(self.sheet.line_ids.mapped("month")), {self.sheet.month})

    def test_who_may_not_create_lines_inserts_none(self):
        before = self.Line.search_count([])
        with self.assertRaises(AccessError):
            self.Line.with_user(self.engineer_a_user)._insert_computed([self._vals()])
        self.assertEqual(self.Line.search_count([]), before)
        # Nor over RPC: the method is private.
        with self.assertRaises(AccessError):
            check_method_name("_insert_computed")

    def test_bad_numbers_insert_none(self):
        before = self.Line.search_count([])
        for bad in (float("nan"), float("inf"), -1.0, 2e9):
            with self.subTest(points=bad), self.assertRaises(ValidationError):
                self.Line.with_user(self.manager_user)._insert_computed(
                    [self._vals(), self._vals(points=bad)]
                )
        self.assertEqual(self.Line.search_count([]), before)
