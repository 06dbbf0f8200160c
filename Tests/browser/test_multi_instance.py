"""Two `ssbuild serve` instances of one released app on one real redis-server, in headless
Chromium (issue 9's "Must show"): `publish.user` and channel messages cross instances,
users online lists both, and when the instance behind nginx that a page uses is killed
(SIGKILL) the page reconnects through nginx to the other one with its session, its
channels and its offline call run exactly once. Prints the published/delivered/lost
counts and the reconnect time."""
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from unittest import mock

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

from conftest import Server
from test_realtime import CHAT_ACTIONS, call, events, free_port, wait_ready


def _nginx():
    found = shutil.which("nginx")
    if found:
        return found
    return "/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None


NGINX = _nginx()
REDIS = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(REDIS is None or NGINX is None, reason="needs redis-server and nginx")

# Tells which instance ran a call: each `serve` gets SS_TEST_INSTANCE in its environment,
# and its worker inherits it.
CLUSTER_ACTIONS = r'''
import Foundation
import SSActions

enum Cluster: ActionNamespace {
    static func actions(_ actions: inout Actions) {
        actions.on("whoami") { context -> String in
            ProcessInfo.processInfo.environment["SS_TEST_INSTANCE"] ?? "unknown"
        }
    }
}
'''

NGINX_CONF = """
daemon off;
master_process off;
worker_processes 1;
error_log stderr warn;
pid {prefix}/nginx.pid;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    upstream ss {{
        server 127.0.0.1:{a};
        server 127.0.0.1:{b};
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://ss;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection "upgrade";
            proxy_set_header Host $http_host;
            proxy_connect_timeout 2s;
            proxy_read_timeout 3600s;
        }}
    }}
}}
"""


def wait_port(port, timeout=30, probe=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                if probe is None:
                    return
                s.sendall(probe[0])
                if s.recv(64).startswith(probe[1]):
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"nothing answered on port {port} within {timeout} s")


def stop(proc, timeout=10):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class Cluster:
    """redis-server, one released app served by instances "A" and "B", nginx over both."""

    def __init__(self, ssbuild, root):
        self.ssbuild = ssbuild
        self.root = root
        self.procs = []
        self.instances = {}
        self.consoles = {}

    def start_redis(self):
        self.redis_port = free_port()
        self.redis_pidfile = os.path.join(self.root, "redis.pid")
        self.redis = subprocess.Popen(
            [REDIS, "--port", str(self.redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", self.root, "--pidfile", self.redis_pidfile, "--daemonize", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.procs.append(self.redis)
        wait_port(self.redis_port, probe=(b"PING\r\n", b"+PONG"))

    def make_app(self):
        self.app = os.path.join(self.root, "demo")
        subprocess.run([self.ssbuild, "new", self.app], check=True, capture_output=True)
        with open(os.path.join(self.app, "app/server/chat.swift"), "w") as f:
            f.write(CHAT_ACTIONS)
        with open(os.path.join(self.app, "app/server/cluster.swift"), "w") as f:
            f.write(CLUSTER_ACTIONS)
        done = subprocess.run([self.ssbuild, "release", "--root", self.app], capture_output=True, text=True,
                              timeout=1200)
        assert done.returncode == 0, done.stdout + done.stderr

    def start_instance(self, name):
        """Both instances serve the one app folder, started one after the other; each one's
        console.json is kept in a folder of its own for `ssbuild console --root`."""
        env = {"SS_REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0", "SS_TEST_INSTANCE": name}
        with mock.patch.dict(os.environ, env):
            server = Server(self.ssbuild, self.app, "--host", "127.0.0.1")
        self.procs.append(server.proc)
        self.instances[name] = server
        console = os.path.join(self.root, "console-" + name)
        os.makedirs(os.path.join(console, ".ssbuild"))
        endpoint = os.path.join(self.app, ".ssbuild", "console.json")
        with open(endpoint) as f:
            assert json.load(f)["port"] == server.port
        shutil.copy2(endpoint, os.path.join(console, ".ssbuild", "console.json"))
        self.consoles[name] = console
        return server

    def start_nginx(self):
        self.nginx_port = free_port()
        prefix = os.path.join(self.root, "nginx")
        os.makedirs(prefix)
        conf = os.path.join(prefix, "nginx.conf")
        with open(conf, "w") as f:
            f.write(NGINX_CONF.format(prefix=prefix, port=self.nginx_port, a=self.instances["A"].port,
                                      b=self.instances["B"].port))
        log = os.path.join(prefix, "error.log")
        with open(log, "w") as err:
            self.nginx = subprocess.Popen([NGINX, "-p", prefix, "-c", conf], stdout=subprocess.DEVNULL, stderr=err)
        self.procs.append(self.nginx)
        try:
            wait_port(self.nginx_port)
        except RuntimeError:
            self.nginx.kill()
            with open(log) as f:
                raise RuntimeError("nginx did not start: " + f.read())

    def console(self, name, *command):
        done = subprocess.run([self.ssbuild, "console", "--root", self.consoles[name], *command],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def url(self, name, host="127.0.0.1"):
        return f"http://{host}:{self.instances[name].port}/"

    @property
    def nginx_url(self):
        return f"http://127.0.0.1:{self.nginx_port}/"

    def stop(self):
        for proc in reversed(self.procs):
            stop(proc)


@pytest.fixture(scope="module")
def cluster(ssbuild, tmp_path_factory):
    c = Cluster(ssbuild, str(tmp_path_factory.mktemp("multi")))
    try:
        c.start_redis()
        c.make_app()
        c.start_instance("A")
        c.start_instance("B")
        c.start_nginx()
        yield c
    finally:
        c.stop()
    # redis-server removes its pidfile on a clean stop.
    assert not os.path.exists(c.redis_pidfile)


def new_driver():
    opts = Options()
    opts.binary_location = shutil.which("chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        opts.add_argument(arg)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)


@pytest.fixture()
def other_browser():
    """A second browser: its own cookie jar, so its own session."""
    driver = new_driver()
    yield driver
    driver.quit()


def said(driver):
    return [p["text"] for name, p, ch in events(driver) if name == "said"]


def test_publish_user_channels_and_users_online_cross_instances(browser, other_browser, cluster):
    # ann on A; bob on B; cid on B too, in a tab of the first browser under another host
    # name (cookies are per host, not per port: 127.0.0.1 on both ports is one session).
    wait_ready(browser, cluster.url("A"))
    assert call(browser, "SS.server.cluster.whoami()") == {"value": "A"}
    assert call(browser, "SS.server.chat.login('ann')") == {"value": "ann"}
    assert call(browser, "SS.server.chat.join('red')") == {"value": None}
    wait_ready(other_browser, cluster.url("B"))
    assert call(other_browser, "SS.server.cluster.whoami()") == {"value": "B"}
    assert call(other_browser, "SS.server.chat.login('bob')") == {"value": "bob"}
    assert call(other_browser, "SS.server.chat.join('red')") == {"value": None}
    ann_tab = browser.current_window_handle
    browser.switch_to.new_window("tab")
    cid_tab = browser.current_window_handle
    try:
        wait_ready(browser, cluster.url("B", host="localhost"))
        assert call(browser, "SS.server.cluster.whoami()") == {"value": "B"}
        assert call(browser, "SS.server.chat.login('cid')") == {"value": "cid"}
        assert browser.execute_script("return SS.session.channels") == []

        # publish.user from an action run on B reaches ann's page on A, and only it.
        assert call(other_browser, "SS.server.chat.notify('ann', 'from B')") == {"value": None}
        browser.switch_to.window(ann_tab)
        WebDriverWait(browser, 20).until(lambda d: len(events(d)) >= 1)
        time.sleep(1)  # a duplicate would land here
        ann_notes = events(browser)
        assert ann_notes == [["note", {"text": "from B"}, None]]
        assert events(other_browser) == []

        # Channel messages published on B reach the subscribers on A and on B, in order.
        sent = [f"red {i}" for i in range(10)]
        for text in sent:
            assert call(other_browser, f"SS.server.chat.say('red', {text!r})") == {"value": None}
        WebDriverWait(browser, 20).until(lambda d: len(said(d)) >= len(sent))
        WebDriverWait(other_browser, 20).until(lambda d: len(said(d)) >= len(sent))
        time.sleep(1)
        on_a, on_b = said(browser), said(other_browser)
        browser.switch_to.window(cid_tab)
        on_cid = said(browser)
        assert events(browser) == [], "cid got a note or a channel message meant for others"
        print(f"\ncross-instance publish.user: published 1, delivered {len(ann_notes)} (ann on A), lost "
              f"{1 - len(ann_notes)}")
        print(f"cross-instance channel 'red' from B: published {len(sent)}, delivered {len(on_a)} on A + "
              f"{len(on_b)} on B, lost {2 * len(sent) - len(on_a) - len(on_b)}, to the non-subscriber {len(on_cid)}")
        assert on_a == sent
        assert on_b == sent
        assert on_cid == []

        # Users online, asked of either instance, lists the users of both.
        for name in ("A", "B"):
            online = json.loads(cluster.console(name, "online"))
            assert {"ann", "bob", "cid"} <= set(online), (name, online)
        print("users online on A and on B:", sorted(json.loads(cluster.console("A", "online"))))
    finally:
        browser.switch_to.window(cid_tab)
        browser.close()
        browser.switch_to.window(ann_tab)


def test_a_copy_of_a_released_app_serves_its_actions(ssbuild, cluster, tmp_path):
    copy = str(tmp_path / "copy")
    shutil.copytree(cluster.app, copy, symlinks=True, ignore=shutil.ignore_patterns("console.json"))
    server = Server(ssbuild, copy, "--host", "127.0.0.1")
    try:
        with urllib.request.urlopen(server.url + "api/app/square?25", timeout=60) as reply:
            assert json.load(reply) == 625
    finally:
        server.stop()


# Sends one call with a fixed id on a socket of its own and resolves with the reply.
RAW_CALL = """
    var id = arguments[0], path = arguments[1], done = arguments[arguments.length - 1];
    var ws = new WebSocket('ws://' + location.host + '/_ss/ws');
    ws.onmessage = function (ev) {
        var m = JSON.parse(ev.data);
        if (m.type === 'init') {
            ws.send(JSON.stringify({type: 'call', id: id, method: 'chat.mark', params: [path]}));
        } else if (m.type === 'reply') {
            ws.close();
            done({id: m.id, result: m.result, error: m.error || null});
        }
    };
"""


def test_a_call_resent_to_the_other_instance_runs_once(browser, cluster, tmp_path):
    # What the client does when A dies after running a call but before its reply arrived:
    # it resends the same id to B. One session (cookies are per host, not per port).
    marks = str(tmp_path / "marks.txt")
    wait_ready(browser, cluster.url("A"))
    assert call(browser, "SS.server.chat.login('dan')") == {"value": "dan"}
    browser.set_script_timeout(30)
    first = browser.execute_async_script(RAW_CALL, "resend.1", marks)
    wait_ready(browser, cluster.url("B"))
    assert browser.execute_script("return SS.session.user") == "dan"
    again = browser.execute_async_script(RAW_CALL, "resend.1", marks)
    with open(marks) as f:
        ran = f.read().count("ran")
    print(f"\na call resent to the other instance: replies {first['result']} then {again['result']}, ran {ran}x")
    assert first["result"] == 1
    assert again["result"] == 1 and ran == 1


# Installed in the page behind nginx: timestamps of the drop and of the reconnect, the
# channel messages it receives, and a call made at the moment it is offline.
WATCH_PAGE = """
    window.__drops = []; window.__backs = []; window.__got = []; window.__mark = null;
    SS.socket.on('disconnect', function () {
        window.__drops.push(Date.now());
        if (window.__drops.length === 1) {
            SS.server.chat.mark(arguments[0], function (err, n) {
                window.__mark = err ? {error: err.code} : {value: n};
            });
        }
    }.bind(null, arguments[0]));
    SS.socket.on('connect', function () { window.__backs.push(Date.now()); });
    SS.events.on('said', function (p) { window.__got.push([p.text, Date.now()]); });
"""

# Runs in a page on the surviving instance: says a numbered message on 'green' every 100 ms.
PUBLISHER = """
    window.__sent = [];
    var seq = 0;
    window.__publisher = setInterval(function () {
        var n = window.__seq = ++seq, at = Date.now();
        SS.server.chat.say('green', 'g' + n, function (err) {
            window.__sent.push({n: n, at: at, ok: !err, error: err ? err.code : null});
        });
    }, 100);
"""


def test_killed_instance_page_reconnects_through_nginx_with_session_channels_and_one_offline_call(
        browser, other_browser, cluster, tmp_path):
    page = other_browser
    marks = str(tmp_path / "marks.txt")
    wait_ready(page, cluster.nginx_url)
    assert call(page, "SS.server.chat.login('ann')") == {"value": "ann"}
    assert call(page, "SS.server.chat.join('green')") == {"value": None}
    victim = call(page, "SS.server.cluster.whoami()")["value"]
    assert victim in ("A", "B")
    survivor = "B" if victim == "A" else "A"
    page.execute_script(WATCH_PAGE, marks)

    # The publisher talks to the survivor directly, so its messages reach the page through
    # Redis before the kill and on the survivor itself after it.
    wait_ready(browser, cluster.url(survivor))
    assert call(browser, "SS.server.cluster.whoami()") == {"value": survivor}
    browser.execute_script(PUBLISHER)
    WebDriverWait(page, 30).until(lambda d: len(d.execute_script("return window.__got")) >= 10)

    killed_at = time.time() * 1000
    cluster.instances[victim].proc.send_signal(signal.SIGKILL)
    cluster.instances[victim].proc.wait(timeout=10)
    WebDriverWait(page, 60).until(lambda d: d.execute_script("return window.__backs.length") >= 1)
    time.sleep(3)  # the publisher keeps going: these must all arrive
    browser.execute_script("clearInterval(window.__publisher)")
    WebDriverWait(browser, 30).until(lambda d: d.execute_script("return window.__sent.length === window.__seq"))
    time.sleep(2)  # replies and deliveries in flight

    drops = page.execute_script("return window.__drops")
    backs = page.execute_script("return window.__backs")
    assert len(drops) == 1 and len(backs) == 1, (drops, backs)
    dropped_at, back_at = drops[0], backs[0]
    sent = browser.execute_script("return window.__sent")
    got = page.execute_script("return window.__got")
    published = [m for m in sent if m["ok"]]
    received = [int(text[1:]) for text, _ in got]
    delivered = set(received)
    lost = [m for m in published if m["n"] not in delivered]
    before = [m for m in published if m["at"] < killed_at]
    after = [m for m in published if m["at"] > back_at]
    print(f"\nkill {victim}: the page saw the drop after {dropped_at - killed_at:.0f} ms and was back on "
          f"{survivor} {back_at - killed_at:.0f} ms after the SIGKILL")
    print(f"kill {victim}: channel 'green' published {len(published)} ({len(sent) - len(published)} failed), "
          f"delivered {len(delivered)}, lost {len(lost)} (published before the kill {len(before)}, "
          f"lost of them {sum(1 for m in lost if m['at'] < killed_at)}; while the page was away "
          f"{len(published) - len(before) - len(after)}; after it was back {len(after)}, lost of them "
          f"{sum(1 for m in lost if m['at'] > back_at)})")

    # Nothing twice, nothing out of order; everything said after the page was back arrived.
    assert received == sorted(delivered)
    assert sent and len(published) == len(sent), [m for m in sent if not m["ok"]]
    assert after and all(m["n"] in delivered for m in after)
    # Messages published well before the kill (not in flight to the dying instance) arrived.
    assert all(m["n"] in delivered for m in published if m["at"] < killed_at - 1000)
    assert back_at - killed_at < 30000

    # Same session and channels on the survivor, reached through nginx.
    assert call(page, "SS.server.cluster.whoami()") == {"value": survivor}
    assert page.execute_script("return SS.session.user") == "ann"
    assert "green" in page.execute_script("return SS.session.channels")
    # The call made while offline ran once, on the survivor.
    WebDriverWait(page, 60).until(lambda d: d.execute_script("return window.__mark"))
    assert page.execute_script("return window.__mark") == {"value": 1}
    time.sleep(1)  # a duplicate would land here
    with open(marks) as f:
        assert f.read() == "ran\n"
    # publish.user to ann, issued on the survivor, reaches the page.
    before_notes = len(events(page))
    cluster.console(survivor, "publish", "user", "ann", "note", '{"text":"still ann"}')
    WebDriverWait(page, 20).until(lambda d: len(events(d)) > before_notes)
    assert events(page)[before_notes:] == [["note", {"text": "still ann"}, None]]
    # ann is online, through the survivor.
    assert "ann" in json.loads(cluster.console(survivor, "online"))
