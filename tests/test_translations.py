# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import polib

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase
from odoo.tools.translate import TranslationModuleReader

MODULE = "helpdesk_engineer_appraisal"


class TestTranslations(TransactionCase):
    def test_every_string_has_a_zh_cn_translation(self):
        """Every term Odoo would export for the module (code, views, data,
        fields) has a non-empty Simplified Chinese translation."""
        reader = TranslationModuleReader(self.env.cr, modules=[MODULE], lang="en_US")
        terms = {entry[4] for entry in reader if entry[0] == MODULE and entry[4]}
        po_path = f"{get_module_path(MODULE)}/i18n/zh_CN.po"
        translated = {entry.msgid for entry in polib.pofile(po_path) if entry.msgstr}
        self.assertGreater(len(terms), 50)
        self.assertEqual(sorted(terms - translated), [])

    def test_chinese_is_shown_to_chinese_users(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms([MODULE], ["zh_CN"])
        level = self.env.ref(f"{MODULE}.difficulty_level_hard").with_context(
            lang="zh_CN"
        )
        self.assertEqual(level.name, "困难")
        selection = dict(
            self.env["helpdesk.ticket"]
            .with_context(lang="zh_CN")
            ._fields["rating_state"]
            ._description_selection(level.env)
        )
        self.assertEqual(selection["self_rated"], "已自评")
