# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from .test_callback import NOW, CallbackCommon

HEADERS = ["Service Order", "Called on", "Result", "Customer's Words", "Work completed"]


@freeze_time(NOW)
class TestCallbackImportMapping(CallbackCommon):
    """The import screen maps the columns of a month of calls by itself."""

    def _matches(self, headers, lang="en_US"):
        rows = [
            ",".join(f'"{header}"' for header in headers),
            f"{self.ticket_a.number},2026-10-04 11:30:00,Satisfied,,1",
        ]
        wizard = (
            self.env["base_import.import"]
            .with_user(self.agent)
            .with_context(lang=lang)
            .create(
                {
                    "res_model": "helpdesk.ticket.callback",
                    "file": "\n".join(rows).encode(),
                    "file_type": "text/csv",
                    "file_name": "calls.csv",
                }
            )
        )
        preview = wizard.parse_preview(
            {"has_headers": True, "quoting": '"', "separator": ",", "limit": 10}
        )
        self.assertNotIn("error", preview)
        return {
            preview["headers"][index]: path[0]
            for index, path in preview["matches"].items()
        }

    def test_every_column_maps_itself(self):
        self.assertEqual(
            self._matches(HEADERS),
            {
                "Service Order": "ticket_id",
                "Called on": "call_date",
                "Result": "result",
                "Customer's Words": "customer_comment",
                "Work completed": "work_confirmed",
            },
        )

    def test_chinese_headers_map_too(self):
        self._load_chinese()
        matches = self._matches(["服务单", "回访时间", "工作已完成"], "zh_CN")
        self.assertEqual(matches.get("工作已完成"), "work_confirmed")
        self.assertEqual(matches.get("服务单"), "ticket_id")
