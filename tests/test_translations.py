# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from pathlib import Path

import polib
from babel.messages import extract
from lxml import etree

from odoo.modules.module import get_manifest, get_module_path
from odoo.tests import TransactionCase
from odoo.tools.translate import TranslationModuleReader

MODULE = "helpdesk_engineer_appraisal"


def _term_key(source, occurrence):
    # Code terms are matched by text alone: their file and line may move.
    return source, "code" if occurrence.startswith("code") else occurrence


def _demo_xmlids():
    """The records of the demo files: sample data, whose texts are not
    translated (the translation files are exported without the demo)."""
    path = get_module_path(MODULE)
    return {
        f"{MODULE}.{record.get('id')}"
        for name in get_manifest(MODULE)["demo"]
        for record in etree.parse(f"{path}/{name}").iter("record")
    }


class TestTranslations(TransactionCase):
    def test_every_string_has_a_zh_cn_translation(self):
        """Every term Odoo would export for the module (code, views, data,
        fields) has a non-empty Simplified Chinese translation for the very
        place it appears: Odoo applies a view's terms only from entries that
        name that view."""
        reader = TranslationModuleReader(self.env.cr, modules=[MODULE], lang="en_US")
        demo = _demo_xmlids()
        expected = {
            _term_key(source, "code" if ttype == "code" else f"{ttype}:{name}:{res_id}")
            for module, ttype, name, res_id, source, _value, _comments in reader
            if module == MODULE and source and res_id not in demo
        }
        po_path = f"{get_module_path(MODULE)}/i18n/zh_CN.po"
        translated = {
            _term_key(entry.msgid, occurrence)
            for entry in polib.pofile(po_path)
            if entry.msgstr
            for occurrence, _line in entry.occurrences
        }
        self.assertGreater(len(expected), 50)
        self.assertEqual(sorted(expected - translated), [])

    def test_every_message_of_the_code_has_a_zh_cn_translation(self):
        """The messages of the Python code, read as Odoo's export reads them
        (Babel, ``_`` and ``_lt``, so ``self.env._`` too), every file
        readable, each with a Simplified Chinese translation: in this set-up
        the export above yields no term of the code."""
        root = Path(get_module_path(MODULE))
        catalog = polib.pofile(str(root / "i18n" / "zh_CN.po"))
        translated = {entry.msgid for entry in catalog if entry.msgstr}
        untranslated = []
        for path in sorted(root.rglob("*.py")):
            where = path.relative_to(root)
            with path.open("rb") as source:
                messages = extract.extract(
                    "python",
                    source,
                    keywords={"_": None, "_lt": None},
                    options={"encoding": "UTF-8"},
                )
                try:
                    untranslated += [
                        f"{where}:{line} {message}"
                        for line, message, _comments, _context in messages
                        if message not in translated
                    ]
                # Babel evaluates every string of the call: an f-string among
                # the arguments makes it give up the whole file.
                except (NameError, SyntaxError) as error:
                    untranslated.append(f"{where}: unreadable by Babel ({error})")
        self.assertEqual(untranslated, [])

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
