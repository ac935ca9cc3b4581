# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime
from xmlrpc.client import Fault

from odoo.tests import HttpCase, get_db_name, tagged

from .appraisal_common import OCTOBER
from .test_ticket_integrity import NOVEMBER_CLOSING, TicketIntegrityCommon


@tagged("post_install", "-at_install")
class TestCountedOrderStaysOverRpc(TicketIntegrityCommon, HttpCase):
    """HIGH, over real XML-RPC as the engineer with a password: an order
    counted in a done month earns again."""

    def setUp(self):
        super().setUp()
        self.engineer_a_user.password = "engineer-a-secret"
        self.db = get_db_name()
        self.uid = self.xmlrpc_common.authenticate(
            self.db, "engineer_a", "engineer-a-secret", {}
        )
        self.assertEqual(self.uid, self.engineer_a_user.id)

    def _rpc(self, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            self.db,
            self.uid,
            "engineer-a-secret",
            "helpdesk.ticket",
            method,
            list(args),
            kwargs,
        )

    def test_engineer_moves_the_counted_order_over_rpc(self):
        order_id = self.counted.id
        # The engineer reads their order, as the client would.
        [read] = self._rpc("read", [order_id], fields=["closed_date", "stage_id"])
        self.assertEqual(read["stage_id"][0], self.stage_done.id)
        in_progress = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        attempts = [
            {"closed_date": NOVEMBER_CLOSING.strftime("%Y-%m-%d %H:%M:%S")},
            {"stage_id": in_progress.id},
            {"stage_id": self.stage_done.id},
        ]
        for vals in attempts:
            with self.assertRaises(Fault) as caught:
                self._rpc(
                    "write",
                    [order_id],
                    vals,
                    context={"tracking_disable": True, "mail_notrack": True},
                )
            self.assertIn("only an appraisal supervisor", caught.exception.faultString)
        self.env.invalidate_all()
        self.assertEqual(self.counted.closed_date, datetime(2026, 10, 20, 9, 0))
        self.assertEqual(self.counted.stage_id, self.stage_done)
        credit = self.counted.credit_ids
        self.assertRecordValues(
            credit, [{"month": OCTOBER, "points": 1.0, "frozen_month": OCTOBER}]
        )
        self._assert_months_unchanged()
