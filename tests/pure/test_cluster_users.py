# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``tools/run`` never stops a PostgreSQL cluster another command still uses
(issue 10, item 11), tested without PostgreSQL: the bookkeeping of
``odoo_env.ClusterUsers`` and ``PostgresCluster.running`` with the server's
start, stop and status replaced by fakes."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

_TOOLS = Path(__file__).resolve().parents[2] / "tools"
_SPEC = importlib.util.spec_from_file_location("odoo_env", _TOOLS / "odoo_env.py")
odoo_env = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(odoo_env)


@pytest.fixture
def other_process():
    """A live process standing for another ``tools/run``."""
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield process
    process.kill()
    process.wait()


def test_the_last_user_stops_what_a_command_started(tmp_path, other_process):
    first = odoo_env.ClusterUsers(tmp_path)
    second = odoo_env.ClusterUsers(tmp_path, pid=other_process.pid)
    with first.locked():
        first.attach()
        first.mark_started()
    with second.locked():
        second.attach()
    # The first leaves while the second still uses the cluster.
    with first.locked():
        assert not first.detach()
    assert first.others() == [other_process.pid]
    with second.locked():
        assert second.detach()


def test_a_dead_user_does_not_keep_the_cluster(tmp_path, other_process):
    first = odoo_env.ClusterUsers(tmp_path)
    crashed = odoo_env.ClusterUsers(tmp_path, pid=other_process.pid)
    first.attach()
    first.mark_started()
    crashed.attach()
    other_process.kill()
    other_process.wait()
    assert first.detach()
    assert not (tmp_path / "users" / str(other_process.pid)).exists()


def test_a_server_started_by_hand_is_never_stopped(tmp_path):
    users = odoo_env.ClusterUsers(tmp_path)
    users.attach()
    assert not users.detach()


class FakeCluster(odoo_env.PostgresCluster):
    """A cluster whose server is a flag: no PostgreSQL needed."""

    def __init__(self, directory, server):
        self.directory = Path(directory)
        self.server = server

    def is_running(self):
        return self.server["running"]

    def start(self):
        self.server["running"] = True
        self.server["starts"] += 1

    def stop(self):
        self.server["running"] = False
        self.server["stops"] += 1

    def other_clients(self):
        return self.server["clients"]


def test_two_runs_on_one_cluster(tmp_path, monkeypatch):
    server = {"running": False, "starts": 0, "stops": 0, "clients": 0}
    first = FakeCluster(tmp_path, server)
    second = FakeCluster(tmp_path, server)
    first_run = first.running()
    first_run.__enter__()
    # The second run is another process: its own pid.
    helper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        monkeypatch.setattr(odoo_env.os, "getpid", lambda: helper.pid)
        second_run = second.running()
        second_run.__enter__()
        monkeypatch.undo()
        assert server == {"running": True, "starts": 1, "stops": 0, "clients": 0}
        # The run that started the cluster ends first: the cluster stays up.
        first_run.__exit__(None, None, None)
        assert server["running"] and server["stops"] == 0
        # The last run out stops it.
        monkeypatch.setattr(odoo_env.os, "getpid", lambda: helper.pid)
        second_run.__exit__(None, None, None)
        assert server == {"running": False, "starts": 1, "stops": 1, "clients": 0}
    finally:
        helper.kill()
        helper.wait()


def test_connected_clients_keep_the_cluster_up(tmp_path):
    server = {"running": False, "starts": 0, "stops": 0, "clients": 2}
    with FakeCluster(tmp_path, server).running():
        assert server["running"]
    assert server["running"] and server["stops"] == 0
