"""Helpers shared by ``tools/test``, ``tools/run`` and ``tools/benchmark`` (stdlib).

They detect an installed Odoo 18, install the Debian packages the Odoo stage
needs, run a private PostgreSQL cluster that listens on a unix socket only, and
build the Odoo command line with an addons path that exposes this repository
under the module's technical name.
"""

import fcntl
import getpass
import glob
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
MODULE = "helpdesk_engineer_appraisal"
ODOO_MAJOR = 18
PG_SERVER_USER = "postgres"

# Debian package -> how to tell it is already there.
_SYSTEM_PACKAGES = {
    "postgresql": lambda: find_pg_bindir() is not None and _pg_user_ok(),
    "chromium": lambda: any(
        shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")
    ),
    "wkhtmltopdf": lambda: shutil.which("wkhtmltopdf") is not None,
    "fonts-noto-cjk": lambda: _dpkg_installed("fonts-noto-cjk"),
    "poppler-utils": lambda: shutil.which("pdftotext") is not None,
}


class SetupError(RuntimeError):
    """Something the Odoo stage needs could not be prepared."""


def heading(title):
    print(f"\n===== {title} =====", flush=True)


def is_root():
    return os.geteuid() == 0


def stop_on_sigterm():
    """Turn SIGTERM into KeyboardInterrupt so ``finally`` blocks clean up."""

    def handler(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def end_process(process):
    """Ask a child process to stop (Odoo shuts down cleanly on SIGTERM)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    return process.wait()


def odoo_python():
    """Interpreter that must import Odoo: $ODOO_PYTHON, else the current one."""
    return os.environ.get("ODOO_PYTHON") or sys.executable


def pip_install(python, requirements):
    """``pip install -q -r requirements``; returns pip's exit code."""
    print(f"$ {python} -m pip install -q -r {requirements}", flush=True)
    env = dict(os.environ, PIP_ROOT_USER_ACTION="ignore")
    command = [python, "-m", "pip", "install", "-q", "-r", str(requirements)]
    return subprocess.run(command, env=env, check=False).returncode


# --------------------------------------------------------------------- Odoo


@dataclass
class Odoo:
    """An Odoo 18 importable by ``python``."""

    python: str
    package_dir: Path

    def addons_path(self, *extra_dirs):
        """``extra_dirs`` followed by Odoo's own default addons directories."""
        defaults = [self.package_dir / "addons", self.package_dir.parent / "addons"]
        dirs = [*extra_dirs, *(d for d in defaults if d.is_dir())]
        return ",".join(str(d) for d in dirs)

    def command(self, *args):
        return [self.python, "-m", "odoo", *args]

    @staticmethod
    def environ():
        # odoo-bin sets the server time zone to UTC before anything else.
        return dict(os.environ, TZ="UTC")


_PROBE = (
    "import os, odoo.release as r; "
    "print(r.version_info[0]); print(os.path.dirname(r.__file__))"
)


def detect_odoo():
    """Return ``(Odoo, None)`` or ``(None, reason it is not usable)``."""
    python = odoo_python()
    try:
        probe = subprocess.run(
            [python, "-c", _PROBE], capture_output=True, text=True, check=False
        )
    except OSError as exc:
        return None, f"cannot run {python}: {exc.strerror}"
    if probe.returncode != 0:
        return None, "import odoo.release failed"
    major, package_dir = probe.stdout.split("\n")[:2]
    if int(major) != ODOO_MAJOR:
        return None, f"found Odoo {major}, need Odoo {ODOO_MAJOR}"
    return Odoo(python, Path(package_dir)), None


def no_odoo_message(reason):
    return (
        f"no Odoo {ODOO_MAJOR} importable by {odoo_python()} ({reason}). "
        f"Install Odoo {ODOO_MAJOR}.0 Community so that "
        f"`{odoo_python()} -c 'import odoo.release'` works (e.g. from source "
        "with `pip install -e` and its requirements), or point $ODOO_PYTHON at "
        "the interpreter that has it."
    )


def link_addon(addons_dir):
    """Make ``addons_dir/MODULE`` a symlink to this repository; return the dir."""
    addons_dir.mkdir(parents=True, exist_ok=True)
    link = addons_dir / MODULE
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(REPO_ROOT, target_is_directory=True)
    return addons_dir


def write_empty_config(path):
    """An empty Odoo config file, so that no ~/.odoorc leaks into our runs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[options]\n")
    return path


# ---------------------------------------------------------- system packages


def _dpkg_installed(package):
    if not shutil.which("dpkg-query"):
        return False
    query = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", package],
        capture_output=True,
        text=True,
        check=False,
    )
    return query.stdout.endswith(" installed")


def _pg_user_ok():
    """As root the server runs as the 'postgres' user, which must exist."""
    if not is_root():
        return True
    try:
        pwd.getpwnam(PG_SERVER_USER)
    except KeyError:
        return False
    return True


def ensure_system_packages(packages):
    """Install the missing ones among ``packages`` with apt-get when possible."""
    missing = [name for name in packages if not _SYSTEM_PACKAGES[name]()]
    if not missing:
        return
    names = " ".join(missing)
    if not is_root() or not shutil.which("apt-get"):
        print(
            f"Missing system packages: {names}; cannot install them here "
            "(needs root and apt-get). Install them, then run again.",
            flush=True,
        )
        return
    print(f"Installing missing system packages: {names}", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (
        ["apt-get", "update", "-q"],
        ["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing],
    ):
        if subprocess.run(command, env=env, check=False).returncode != 0:
            print(f"`{' '.join(command)}` failed", flush=True)
            return


def find_pg_bindir():
    """Directory of the newest PostgreSQL server binaries (with initdb)."""
    candidates = glob.glob("/usr/lib/postgresql/*/bin/initdb")
    candidates.sort(key=lambda path: [int(n) for n in re.findall(r"\d+", path)])
    if candidates:
        return Path(candidates[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


# --------------------------------------------------------------- PostgreSQL


class PostgresCluster:
    """A PostgreSQL cluster in ``directory``, reachable only via a unix socket.

    The socket lives in ``directory`` itself. PostgreSQL refuses to run as
    root, so as root the cluster belongs to (and runs as) the 'postgres' user
    and ``directory`` must be reachable by that user. The database superuser
    is named after the current OS user, as Odoo refuses the 'postgres' role.
    """

    def __init__(self, directory, port, throwaway=False):
        self.directory = Path(directory)
        self.port = port
        self.throwaway = throwaway
        self.bindir = find_pg_bindir()
        if self.bindir is None:
            raise SetupError(
                "PostgreSQL server binaries (initdb) not found; "
                "install the Debian package 'postgresql'"
            )
        user = getpass.getuser()
        self.role = "odoo" if user == PG_SERVER_USER else user

    @property
    def datadir(self):
        return self.directory / "data"

    def _pg(self, tool, *args):
        command = [str(self.bindir / tool), *args]
        if is_root():
            command = ["runuser", "-u", PG_SERVER_USER, "--", *command]
        # A session of its own keeps the server out of reach of a Ctrl-C meant
        # for Odoo: the server is stopped after Odoo, by stop().
        return subprocess.run(
            command,
            capture_output=True,
            text=True,
            check=False,
            start_new_session=True,
        )

    def _pg_checked(self, tool, *args):
        result = self._pg(tool, *args)
        if result.returncode != 0:
            raise SetupError(f"{tool} failed:\n{result.stdout}{result.stderr}")
        return result

    def initialize(self):
        """Create the cluster unless it already exists."""
        if (self.datadir / "PG_VERSION").exists():
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        if is_root():
            shutil.chown(self.directory, PG_SERVER_USER, PG_SERVER_USER)
        self._pg_checked(
            "initdb",
            f"--pgdata={self.datadir}",
            f"--username={self.role}",
            "--auth=trust",
            "--encoding=UTF8",
            "--no-locale",
        )

    def is_running(self):
        return self._pg("pg_ctl", "status", "-D", str(self.datadir)).returncode == 0

    def start(self):
        settings = {
            "listen_addresses": "",
            "unix_socket_directories": str(self.directory),
            "port": str(self.port),
        }
        if self.throwaway:  # durability is pointless for a test database
            settings.update(fsync="off", full_page_writes="off")
            settings.update(synchronous_commit="off")
        options = " ".join(f"-c {key}='{value}'" for key, value in settings.items())
        self._pg_checked(
            "pg_ctl",
            "start",
            "--wait",
            "-D",
            str(self.datadir),
            "-l",
            str(self.directory / "server.log"),
            "-o",
            options,
        )

    def stop(self):
        self._pg("pg_ctl", "stop", "--wait", "-m", "fast", "-D", str(self.datadir))

    @contextmanager
    def running(self):
        """Start the server unless it already runs; stop it afterwards unless
        another command still uses it.

        Several commands may share the cluster (two ``tools/run`` on the same
        port): each registers in ``ClusterUsers``, and the last one to leave
        stops the server if one of them started it, and only when no other
        client is connected. A server started by hand is never stopped.
        """
        users = ClusterUsers(self.directory)
        with users.locked():
            users.attach()
            if not self.is_running():
                self.start()
                users.mark_started()
        try:
            yield self
        finally:
            with users.locked():
                if users.detach() and self.is_running():
                    clients = self.other_clients()
                    if clients:
                        print(
                            f"PostgreSQL left running in {self.directory}: "
                            "other connections still use it (or it could not "
                            "be asked)."
                        )
                    else:
                        self.stop()
                        users.clear_started()

    def other_clients(self):
        """How many client connections, other than this query's, the server
        has; -1 when it cannot tell (then it is left running)."""
        try:
            out = self._client(
                "psql",
                "--dbname=postgres",
                "-tAq",
                "-c",
                "SELECT COUNT(*) FROM pg_stat_activity "
                "WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()",
            )
            return int(out.strip())
        except (SetupError, ValueError):
            return -1

    def _client(self, tool, *args, stdin=None):
        """Run a client tool (psql, dropdb...) as the cluster's superuser."""
        command = [
            str(self.bindir / tool),
            f"--host={self.directory}",
            f"--port={self.port}",
            f"--username={self.role}",
            *args,
        ]
        result = subprocess.run(
            command, input=stdin, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise SetupError(f"{tool} failed:\n{result.stdout}{result.stderr}")
        return result.stdout

    def database_exists(self, name):
        # psql interpolates :'name' (quoted) in a script, never in -c.
        query = "SELECT 1 FROM pg_database WHERE datname = :'name';\n"
        out = self._client(
            "psql", "--dbname=postgres", "-tAq", "-v", f"name={name}", stdin=query
        )
        return out.strip() == "1"

    def drop_database(self, name):
        self._client("dropdb", "--if-exists", name)

    def odoo_args(self):
        return [
            f"--db_host={self.directory}",
            f"--db_port={self.port}",
            f"--db_user={self.role}",
        ]


class ClusterUsers:
    """The commands using a PostgreSQL cluster: one file per process (named
    by its pid) in ``directory/users``, a marker when one of them started the
    server, and a lock file that serialises starting and stopping.

    A process that died without leaving (killed) is pruned by its pid.
    """

    def __init__(self, directory, pid=None):
        self.directory = Path(directory)
        self.pid = pid if pid is not None else os.getpid()
        self.users_dir = self.directory / "users"
        self.started_marker = self.directory / "started-by-tools"

    @contextmanager
    def locked(self):
        self.directory.mkdir(parents=True, exist_ok=True)
        with open(self.directory / "users.lock", "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield self
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def attach(self):
        self.users_dir.mkdir(parents=True, exist_ok=True)
        (self.users_dir / str(self.pid)).touch()

    def mark_started(self):
        self.started_marker.touch()

    def clear_started(self):
        self.started_marker.unlink(missing_ok=True)

    def others(self):
        """The pids of the other live users; forgets the dead ones."""
        pids = []
        for entry in self.users_dir.glob("*") if self.users_dir.exists() else ():
            if not entry.name.isdigit() or int(entry.name) == self.pid:
                continue
            if _process_alive(int(entry.name)):
                pids.append(int(entry.name))
            else:
                entry.unlink(missing_ok=True)
        return pids

    def detach(self):
        """Leave; True when the caller should stop the server: it was the
        last user and the server was started by one of these commands."""
        (self.users_dir / str(self.pid)).unlink(missing_ok=True)
        return not self.others() and self.started_marker.exists()


def _process_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True
