# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase

MODULE = "helpdesk_engineer_appraisal"
# The OCA modules of the helpdesk the addon's users work in; none ships zh_CN.
OCA_MODULES = ("helpdesk_mgmt", "helpdesk_mgmt_project", "helpdesk_mgmt_timesheet")
TICKET_VIEW_TYPES = ("form", "list", "kanban", "search")
# Terms that read the same in Chinese.
SAME_IN_CHINESE = {"ID", "Odoo"}


class TestHelpdeskMgmtChinese(TransactionCase):
    """Chinese for what the OCA helpdesk shows, shipped by this addon.

    The OCA modules name their records (views, menus, fields, stages) with
    their own xml ids; the addon's ``i18n_extra/zh_CN.po`` carries entries
    for those xml ids, which Odoo applies when it loads the addon's terms:
    when the addon is installed (after the OCA modules) and whenever Chinese
    is loaded later.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        # As installing the modules in their order does: the OCA modules
        # (with no Chinese of their own) first, then this addon.
        cls.env["ir.module.module"]._load_module_terms(
            [*OCA_MODULES, MODULE], ["zh_CN"]
        )

    # -- what the users see -------------------------------------------------

    def _oca_xmlids(self, records):
        """``{record id: [xml ids of the OCA modules]}``"""
        data = self.env["ir.model.data"].search(
            [
                ("model", "=", records._name),
                ("res_id", "in", records.ids),
                ("module", "in", OCA_MODULES),
            ]
        )
        xmlids = {}
        for row in data:
            xmlids.setdefault(row.res_id, []).append(f"{row.module}.{row.name}")
        return xmlids

    def _ticket_views(self):
        """The OCA views of tickets: form, list, kanban, search and the
        views extending them (the timesheet tab, the project fields)."""
        views = self.env["ir.ui.view"].search(
            [("model", "=", "helpdesk.ticket"), ("type", "in", TICKET_VIEW_TYPES)]
        )
        xmlids = self._oca_xmlids(views)
        return views.filtered(lambda view: view.id in xmlids)

    def _shown_fields(self):
        """The fields the ticket's default views show, of every model they
        show (the ticket, its timesheet lines), that an OCA module defines."""
        views = self.env["helpdesk.ticket"].get_views(
            [(False, view_type) for view_type in TICKET_VIEW_TYPES]
        )
        fields = self.env["ir.model.fields"]
        for model_name, model_info in views["models"].items():
            fields |= self.env["ir.model.fields"].search(
                [
                    ("model", "=", model_name),
                    ("name", "in", list(model_info["fields"])),
                ]
            )
        # The OCA columns of the timesheet lists (the ticket of a line).
        fields |= self.env["ir.model.fields"].search(
            [("model", "=", "account.analytic.line")]
        )
        xmlids = self._oca_xmlids(fields)
        return fields.filtered(lambda field: field.id in xmlids)

    def _helpdesk_menus(self):
        root = self.env.ref("helpdesk_mgmt.helpdesk_ticket_main_menu")
        menus = self.env["ir.ui.menu"].search([("id", "child_of", root.id)])
        xmlids = self._oca_xmlids(menus)
        return menus.filtered(lambda menu: menu.id in xmlids)

    def _stages(self):
        stages = self.env["helpdesk.ticket.stage"].with_context(active_test=False)
        stages = stages.search([])
        xmlids = self._oca_xmlids(stages)
        return stages.filtered(lambda stage: stage.id in xmlids)

    # -- translated or not ----------------------------------------------------

    def _untranslated_values(self, records, field_name):
        """``[(model, xml id, field, English)]`` of the records whose field
        has no Chinese of its own."""
        missing = []
        xmlids = self._oca_xmlids(records)
        # Only the OCA records: the others come with their own modules' terms.
        for record in records.filtered(lambda record: record.id in xmlids):
            values = record._fields[field_name]._get_stored_translations(record)
            english = (values or {}).get("en_US")
            if not english:
                continue
            chinese = values.get("zh_CN")
            if not chinese or (chinese == english and english not in SAME_IN_CHINESE):
                missing.append(
                    (records._name, xmlids[record.id][0], field_name, english)
                )
        return missing

    def _untranslated_view_terms(self, views):
        missing = []
        xmlids = self._oca_xmlids(views)
        arch_field = views._fields["arch_db"]
        for view in views:
            values = arch_field._get_stored_translations(view)
            terms = arch_field.get_translation_dictionary(
                values["en_US"], {"zh_CN": values.get("zh_CN", values["en_US"])}
            )
            for english, translations in terms.items():
                if translations["zh_CN"] == english and english not in (
                    SAME_IN_CHINESE
                ):
                    missing.append(("ir.ui.view", xmlids[view.id][0], english))
        return missing

    def test_every_helpdesk_term_has_chinese(self):
        """Every term of the OCA helpdesk on the ticket form, list, kanban and
        search views, the Helpdesk menus, the fields those views show (label,
        tooltip, selection values) and the stages has its Chinese."""
        views = self._ticket_views()
        fields = self._shown_fields()
        menus = self._helpdesk_menus()
        stages = self._stages()
        selections = fields.selection_ids
        # What the lists hold, so that an empty list cannot pass.
        self.assertGreaterEqual(len(views), 4)
        self.assertIn(
            self.env.ref("helpdesk_mgmt.ticket_view_form"), views, "the ticket form"
        )
        self.assertGreaterEqual(len(fields), 30)
        self.assertIn("stage_id", fields.mapped("name"))
        self.assertIn("ticket_id", fields.mapped("name"))  # timesheet lines
        self.assertIn("account.analytic.line", fields.mapped("model"))
        self.assertGreaterEqual(len(menus), 10)
        self.assertGreaterEqual(len(stages), 6)
        self.assertTrue(selections)
        missing = (
            self._untranslated_view_terms(views)
            + self._untranslated_values(fields, "field_description")
            + self._untranslated_values(fields, "help")
            + self._untranslated_values(selections, "name")
            + self._untranslated_values(menus, "name")
            + self._untranslated_values(stages, "name")
        )
        self.assertEqual(missing, [])

    # -- what a Chinese user reads ----------------------------------------------

    def _assert_chinese_helpdesk(self):
        env = self.env(context=dict(self.env.context, lang="zh_CN"))
        self.assertEqual(
            env.ref("helpdesk_mgmt.helpdesk_ticket_main_menu").name, "服务台"
        )
        self.assertEqual(
            env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new").name, "新建"
        )
        ticket_fields = env["helpdesk.ticket"].fields_get(["stage_id", "priority"])
        self.assertEqual(ticket_fields["stage_id"]["string"], "阶段")
        self.assertIn(("3", "非常高"), ticket_fields["priority"]["selection"])
        line_fields = env["account.analytic.line"].fields_get(["ticket_id"])
        self.assertEqual(line_fields["ticket_id"]["string"], "服务单")
        form = env["helpdesk.ticket"].get_views([(False, "form")])["views"]["form"]
        self.assertIn("其他信息", form["arch"])

    def test_chinese_applies_after_the_oca_modules(self):
        self._assert_chinese_helpdesk()

    def test_chinese_survives_loading_the_oca_modules_again(self):
        """Loading the OCA modules' terms again (an update of helpdesk_mgmt, or
        Chinese loaded for every module at once, in any order) keeps them:
        those modules have no Chinese to overwrite them with."""
        modules = self.env["ir.module.module"]
        modules._load_module_terms([*OCA_MODULES], ["zh_CN"], overwrite=True)
        self._assert_chinese_helpdesk()
        modules._load_module_terms([MODULE, *OCA_MODULES], ["zh_CN"], overwrite=True)
        self._assert_chinese_helpdesk()

    def test_english_unchanged(self):
        env = self.env(context=dict(self.env.context, lang="en_US"))
        self.assertEqual(
            env.ref("helpdesk_mgmt.helpdesk_ticket_main_menu").name, "Helpdesk"
        )
        ticket_fields = env["helpdesk.ticket"].fields_get(["stage_id"])
        self.assertEqual(ticket_fields["stage_id"]["string"], "Stage")
