"""Shared fixtures for the headless-Chromium tests: the ssbuild binary, a browser
driven through Debian's chromium-driver, and a server started on a free port."""
import os
import shutil
import subprocess
import tempfile
import threading

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture(scope="session")
def ssbuild():
    path = os.environ.get("SSBUILD_BIN", os.path.join(REPO, ".build", "debug", "ssbuild"))
    assert os.path.exists(path), f"ssbuild binary not found at {path}; run swift build first"
    return path


@pytest.fixture(scope="session")
def browser():
    opts = Options()
    # Explicit paths keep Selenium Manager from trying to download a browser.
    opts.binary_location = shutil.which("chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)
    yield driver
    driver.quit()


@pytest.fixture()
def workdir():
    path = tempfile.mkdtemp(prefix="ssbuild-browser-")
    yield path
    shutil.rmtree(path, ignore_errors=True)


class Server:
    """`ssbuild serve` (or `watch`) on port 0; reads the bound port from its `LISTENING` line."""

    def __init__(self, ssbuild, app_dir, *args, command="serve", port_arg=True):
        port = ["--port", "0"] if port_arg else []
        self.proc = subprocess.Popen(
            [ssbuild, command, "--root", app_dir, *port, *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.port = None
        for line in self.proc.stdout:
            if line.startswith("LISTENING "):
                self.port = int(line.split()[1])
                break
        if self.port is None:
            self.proc.kill()
            raise RuntimeError("server did not start: " + self.proc.stderr.read())
        # Keep reading, so a chatty server never blocks on a full pipe; the lines help
        # when a test fails.
        self.output = []
        for stream in (self.proc.stdout, self.proc.stderr):
            threading.Thread(target=self._drain, args=(stream,), daemon=True).start()

    def _drain(self, stream):
        for line in stream:
            self.output.append(line)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/"

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture()
def serve(ssbuild):
    servers = []

    def start(app_dir, *args, command="serve"):
        server = Server(ssbuild, app_dir, *args, command=command)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()
